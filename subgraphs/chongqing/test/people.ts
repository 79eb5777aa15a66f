/**
 * The cast of the integration tests: seeded people, vehicles and partners, each built for the rule
 * it exercises. Plates and ID numbers are synthetic.
 */
import type { PlatformDb } from "../src/db/database";
import type { AccountRow } from "../src/db/schema";
import { seedAccount, seedLease, seedLicence, seedPartner, seedVehicle, type SeedLicence } from "../src/seed";

let n = 0;
/** A fresh synthetic 18-character ID number. */
export function idNumber(): string {
  n += 1;
  return `500101199001${String(Date.now() % 100000).padStart(5, "0")}${n % 10}`.slice(0, 14) + String(n).padStart(4, "0");
}

/** A fresh Chongqing plate, 渝A + 5 characters. */
export function plate(): string {
  n += 1;
  return `渝A${String(n).padStart(5, "0")}`;
}

/** A registered citizen with a licence (first issued 2015-03-01 by default) and the given extras. */
export async function driver(
  db: PlatformDb,
  name: string,
  licence: Partial<Omit<SeedLicence, "holderIdNumber" | "holderName">> | null = {},
): Promise<AccountRow> {
  const id = idNumber();
  const account = await seedAccount(db, { name, idNumber: id, phone: `138${id.slice(-8)}` });
  if (licence) await seedLicence(db, { holderIdNumber: id, holderName: name, firstIssuedOn: "2015-03-01", ...licence });
  return account;
}

/** A small non-operating car owned by `owner` (defaults overridable). */
export async function ownCar(db: PlatformDb, owner: AccountRow, overrides: Partial<Parameters<typeof seedVehicle>[1]> = {}) {
  return seedVehicle(db, { plate: plate(), ownerIdNumber: owner.idNumber, ownerName: owner.name, ownerPhone: owner.phone, ...overrides });
}

/** A company's vehicle (a company car by default; a rental car with useNature "G"). */
export async function companyCar(db: PlatformDb, creditCode: string, overrides: Partial<Parameters<typeof seedVehicle>[1]> = {}) {
  return seedVehicle(db, {
    plate: plate(),
    ownerKind: "COMPANY",
    ownerIdNumber: creditCode,
    ownerName: "重庆某某有限公司",
    managerPhone: "13900000000",
    ...overrides,
  });
}

/**
 * A rental company (`creditCode`, API key `apiKey`) with a rental car ("G") leased to `lessee` from
 * 2024-05-01 to 2024-05-10 (UTC), with `drivers` as its temporary drivers; the rental car.
 */
export async function leasedRental(
  db: PlatformDb,
  company: { companyName: string; creditCode: string; apiKey: string },
  lessee: AccountRow,
  drivers: readonly AccountRow[],
) {
  const partner = await seedPartner(db, company);
  const rental = await companyCar(db, company.creditCode, { useNature: "G" });
  await seedLease(db, {
    partnerId: partner.id,
    plate: rental.plate,
    lesseeIdNumber: lessee.idNumber,
    lesseeName: lessee.name,
    startsAt: new Date("2024-05-01T00:00:00Z"),
    endsAt: new Date("2024-05-10T00:00:00Z"),
    drivers: drivers.map((d) => ({ idNumber: d.idNumber, name: d.name })),
  });
  return rental;
}
