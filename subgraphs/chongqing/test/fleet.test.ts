/**
 * A partner's fleet defined once (src/partners/fleet.ts, R-ELG-7): the rule for a vehicle in hand
 * (`ownsVehicle`: who may read it, who may lease it out) and the same rule in SQL (`fleetOwner`: the
 * webhook events' targets, the fleet list) name the same vehicles for the same partners.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlatformDatabase, type PlatformDatabase } from "../src/db/database";
import { partners, vehicles, type PartnerRow, type VehicleRow } from "../src/db/schema";
import { fleetOwner, ownsVehicle } from "../src/partners/fleet";
import { seedPartner, seedVehicle } from "../src/seed";
import { companyCar, plate } from "./people";

for (const engine of testEngines()) {
  describe(`a partner's fleet on ${engine.name}`, () => {
    let database: PlatformDatabase;
    let owner: PartnerRow, other: PartnerRow;
    let cars: VehicleRow[];
    beforeAll(async () => {
      database = await openPlatformDatabase({ url: await engine.create() });
      const db = database.db;
      owner = await seedPartner(db, { companyName: "租车甲", creditCode: "91500000MA5UF0000A", apiKey: "fa" });
      other = await seedPartner(db, { companyName: "租车乙", creditCode: "91500000MA5UF0000B", apiKey: "fb" });
      cars = [
        await companyCar(db, owner.creditCode, { useNature: "G" }),
        await companyCar(db, owner.creditCode),
        await companyCar(db, other.creditCode, { useNature: "G" }),
        await companyCar(db, "91500000MA5UF0000C"), // a company that is no partner
        // A person whose ID number happens to equal a partner's credit code owns no fleet car.
        await seedVehicle(db, { plate: plate(), ownerIdNumber: owner.creditCode, ownerName: "个人", ownerPhone: "13800000000" }),
      ];
    });
    afterAll(async () => {
      await database?.close();
      await engine.cleanup();
    });

    it("R-ELG-7: the rule in hand and the rule in SQL name the same (partner, vehicle) pairs: company cars under the partner's credit code only", async () => {
      const joined = await database.db.select({ partnerId: partners.id, plate: vehicles.plate }).from(vehicles).innerJoin(partners, fleetOwner());
      const inHand = [owner, other].flatMap((p) => cars.filter((v) => ownsVehicle(p, v)).map((v) => ({ partnerId: p.id, plate: v.plate })));
      const key = (pair: { partnerId: string; plate: string }) => `${pair.partnerId} ${pair.plate}`;
      expect(joined.map(key).sort()).toEqual(inHand.map(key).sort());
      expect(inHand).toEqual([
        { partnerId: owner.id, plate: cars[0]!.plate },
        { partnerId: owner.id, plate: cars[1]!.plate },
        { partnerId: other.id, plate: cars[2]!.plate },
      ]);
      const ownersFleet = await database.db.select({ plate: vehicles.plate }).from(vehicles).where(fleetOwner(owner.creditCode));
      expect(ownersFleet.map((r) => r.plate).sort()).toEqual([cars[0]!.plate, cars[1]!.plate].sort());
      expect(ownsVehicle(undefined, cars[0])).toBe(false);
      expect(ownsVehicle(owner, undefined)).toBe(false);
    });
  });
}
