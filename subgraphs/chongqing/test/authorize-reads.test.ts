/**
 * authorize's one read statement (src/handoff/authorize.reads.ts) answers exactly what the four reads it
 * replaced answer: whether the handling is settled with its stored answer, the vehicle, the person's
 * relations to it (owner, filing, lessee, temporary driver; none for an unregistered plate) and the
 * ledger's totals with this violation's reservations under other handlings.
 */
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { AUTHORIZE_PATH } from "@jg/handoff";
import { eq } from "drizzle-orm";
import { licences, type AccountRow } from "../src/db/schema";
import { authorizeReads } from "../src/handoff/authorize.reads";
import { ledgerTotalsForAuthorize } from "../src/licences/ledger.store";
import { settledAndAuthorization } from "../src/licences/ledger.writes";
import { licencesByHolders } from "../src/licences/licence.store";
import { ledgerWindow } from "../src/licences/licence.view";
import { seedFiling } from "../src/seed";
import { accessOfPeople, personOf } from "../src/vehicles/vehicle-access";
import { vehiclesByPlates } from "../src/vehicles/vehicle.store";
import { authorize, authorizeRequest, platformForSuite, post, release } from "./flow";
import { driver, leasedRental, ownCar, plate as freshPlate } from "./people";

for (const engine of testEngines()) {
  describe(`authorize's reads on ${engine.name}`, () => {
    const t = platformForSuite(engine);
    const db = () => t.database.db;
    const now = new Date("2024-06-01T10:00:00+08:00");

    /** The one statement and the four separate reads, side by side. */
    async function both(account: AccountRow | null, plate: string, handlingId: string, violationId: string) {
      const licence = account ? ((await licencesByHolders(db(), [account.idNumber]))[0] ?? null) : null;
      const window = licence ? ledgerWindow(licence, now) : null;
      const person = account ? personOf(account) : null;
      const merged = await authorizeReads(db(), { handlingId, violationId, plate, person, window });
      const vehicle = (await vehiclesByPlates(db(), [plate]))[0];
      const separate = {
        ...(await settledAndAuthorization(db(), handlingId)),
        vehicle,
        access: person && vehicle ? ((await accessOfPeople(db(), [person], [plate])).get(person.accountId) ?? []) : [],
        ledger: window ? await ledgerTotalsForAuthorize(db(), window, violationId, handlingId) : undefined,
      };
      return { merged, separate };
    }

    it("owner with points, a reservation of the same violation elsewhere, a stored answer, then settled", async () => {
      const me = await driver(db(), "合并", { points: 3, pointsAt: new Date("2024-04-01T00:00:00+08:00") });
      const car = await ownCar(db(), me);
      const first = authorizeRequest(me.id, { plate: car.plate, points: 2 });
      const before = await both(me, car.plate, first.handlingId, first.violation.id);
      expect(before.merged).toEqual(before.separate);
      expect(before.merged.access.map((r) => r.relation)).toEqual(["OWNER"]);
      expect(before.merged.ledger?.totals.points).toBe(3);
      await authorize(t, first);
      // Another handling of the same violation: the first's reservation is "elsewhere".
      const again = await both(me, car.plate, "other-handling", first.violation.id);
      expect(again.merged).toEqual(again.separate);
      expect(again.merged.ledger?.reservedElsewhere).toBe(2);
      const stored = await both(me, car.plate, first.handlingId, first.violation.id);
      expect(stored.merged).toEqual(stored.separate);
      expect(stored.merged.previous).not.toBeNull();
      await release(t, first);
      const settled = await both(me, car.plate, first.handlingId, first.violation.id);
      expect(settled.merged).toEqual(settled.separate);
      expect(settled.merged.settled).toBe(true);
      // A void under the licence (a release of a handling ID never reserved): the ledger keeps its date (R-SYNC-2).
      t.clock.advance(60_000);
      const unknown = authorizeRequest(me.id, { plate: car.plate, points: 2 });
      expect(await release(t, unknown)).toBe("voided");
      const voided = await both(me, car.plate, unknown.handlingId, unknown.violation.id);
      expect(voided.merged).toEqual(voided.separate);
      expect(voided.merged.settled).toBe(true);
      expect(voided.merged.ledger?.totals).toEqual(settled.merged.ledger?.totals);
    });

    it("filed driver, lessee and temporary driver; an unregistered plate; no account or licence", async () => {
      const owner = await driver(db(), "车主");
      const filer = await driver(db(), "备案");
      const lessee = await driver(db(), "租车");
      const temp = await driver(db(), "临时", null);
      const car = await ownCar(db(), owner);
      await seedFiling(db(), { plate: car.plate, accountId: filer.id, effectiveAt: new Date("2024-01-01T00:00:00Z") });
      const rental = await leasedRental(db(), { companyName: "租车公司", creditCode: "91500000MA5U0READS", apiKey: "k-reads" }, lessee, [temp]);
      for (const [who, plate, relations] of [
        [filer, car.plate, ["FILED"]],
        [lessee, rental.plate, ["LESSEE"]],
        [temp, rental.plate, ["TEMPORARY_DRIVER"]],
        [owner, freshPlate(), []],
        [null, car.plate, []],
      ] as const) {
        const { merged, separate } = await both(who, plate, "h-reads", "510000000000000001");
        expect(merged).toEqual(separate);
        expect(merged.access.map((r) => r.relation)).toEqual(relations);
      }
    });

    it("a licence first issued after now: a settled or answered handling keeps its answer, a new one is refused as before (review F1)", async () => {
      const me = await driver(db(), "未来", { points: 0 });
      const car = await ownCar(db(), me);
      const settled = authorizeRequest(me.id, { plate: car.plate, points: 1 });
      const answered = authorizeRequest(me.id, { plate: car.plate, points: 1 });
      const first = await authorize(t, answered);
      await authorize(t, settled);
      expect(await release(t, settled)).toBe("settled");
      await db().update(licences).set({ firstIssuedOn: "2030-01-01" }).where(eq(licences.holderIdNumber, me.idNumber));
      expect(await authorize(t, settled)).toEqual({ approved: false, voided: true });
      expect(await authorize(t, answered)).toEqual(first);
      const fresh = await post<{ error?: { code?: string } }>(t, AUTHORIZE_PATH, authorizeRequest(me.id, { plate: car.plate, points: 1 }));
      expect(fresh.status).toBe(400);
      expect(JSON.stringify(fresh.json)).toContain("BAD_USER_INPUT");
    });
  });
}
