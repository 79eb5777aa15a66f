/**
 * The accounts, cars, filing, partners and lease the authorization and access-check tests look at:
 * Alice and Bob own a car each, Filer is filed on Bob's car, Lessee leases partner A's fleet car from
 * 2024-05-30 to 2024-06-03 (CST), and partner B has a fleet car of its own.
 */
import type { AccountRow, VehicleRow } from "../src/db/schema";
import { seedFiling, seedLease, seedPartner } from "../src/seed";
import type { TestPlatform } from "./flow";
import { companyCar, driver, ownCar } from "./people";

export interface AccessWorld {
  alice: AccountRow;
  bob: AccountRow;
  filer: AccountRow;
  lessee: AccountRow;
  aliceCar: VehicleRow;
  bobCar: VehicleRow;
  fleetCar: VehicleRow;
  otherFleetCar: VehicleRow;
  partnerId: string;
}

/** Seeds the world into the platform's database. */
export async function seedAccessWorld(db: TestPlatform["database"]["db"]): Promise<AccessWorld> {
  const alice = await driver(db, "Alice");
  const bob = await driver(db, "Bob");
  const filer = await driver(db, "Filer");
  const lessee = await driver(db, "Lessee");
  const aliceCar = await ownCar(db, alice);
  const bobCar = await ownCar(db, bob);
  await seedFiling(db, { accountId: filer.id, plate: bobCar.plate, effectiveAt: new Date("2024-01-01T00:00:00+08:00") });
  const partner = await seedPartner(db, { companyName: "租车甲", creditCode: "91500000MA5U0000PA", apiKey: "pa" });
  const other = await seedPartner(db, { companyName: "租车乙", creditCode: "91500000MA5U0000PB", apiKey: "pb" });
  const fleetCar = await companyCar(db, partner.creditCode, { useNature: "G" });
  const otherFleetCar = await companyCar(db, other.creditCode, { useNature: "G" });
  await leaseTo(db, lessee, { partnerId: partner.id, plate: fleetCar.plate }, ["2024-05-30T00:00:00+08:00", "2024-06-03T00:00:00+08:00"]);
  return { alice, bob, filer, lessee, aliceCar, bobCar, fleetCar, otherFleetCar, partnerId: partner.id };
}

/** Seeds a lease of a partner's car to `lessee` over [from, to), with its temporary drivers. */
export function leaseTo(
  db: TestPlatform["database"]["db"],
  lessee: AccountRow,
  car: { partnerId: string; plate: string },
  [from, to]: [string, string],
  drivers: AccountRow[] = [],
): ReturnType<typeof seedLease> {
  return seedLease(db, {
    ...car,
    lesseeIdNumber: lessee.idNumber,
    lesseeName: lessee.name,
    startsAt: new Date(from),
    endsAt: new Date(to),
    ...(drivers.length > 0 ? { drivers: drivers.map((d) => ({ idNumber: d.idNumber, name: d.name })) } : {}),
  });
}
