/**
 * The viewer statement (src/accounts/viewer.store.ts) reads exactly what the separate reads it replaced
 * read: the account with its licence, the ledger totals of the cycle containing now (entries at the
 * cycle's edges, a negative adjustment, reservations open and settled), every relation (owner, filing,
 * lessee, temporary driver) and the vehicles of those relations; a licence first issued after now has
 * no totals (the ledger loader then fails that field as before).
 */
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { accountsWithLicences } from "../src/accounts/account.store";
import { viewersByIds } from "../src/accounts/viewer.store";
import { pointsLedger, type AccountRow } from "../src/db/schema";
import { ledgerTotals } from "../src/licences/ledger.store";
import { ledgerWindow } from "../src/licences/licence.view";
import { seedFiling } from "../src/seed";
import { accessOfPeople, personOf } from "../src/vehicles/vehicle-access";
import { vehiclesByPlates } from "../src/vehicles/vehicle.store";
import { platformForSuite } from "./flow";
import { driver, leasedRental, ownCar } from "./people";

for (const engine of testEngines()) {
  describe(`the viewer statement on ${engine.name}`, () => {
    const t = platformForSuite(engine);
    const db = () => t.database.db;

    async function separate(ids: string[], now: Date) {
      const rows = await accountsWithLicences(db(), ids);
      const windows = rows.flatMap((r) => (r.licence ? [ledgerWindow(r.licence, now)] : []));
      const totals = await ledgerTotals(db(), windows);
      const access = await accessOfPeople(db(), rows.map((r) => personOf(r.account)));
      return Promise.all(
        rows.map(async ({ account, licence }) => {
          const rels = access.get(account.id) ?? [];
          const plates = [...new Set(rels.map((r) => r.plate))];
          return {
            account,
            licence,
            ledger: licence ? (totals.get(licence.number) ?? null) : null,
            access: rels,
            vehicles: (await vehiclesByPlates(db(), plates)).sort((a, b) => a.plate.localeCompare(b.plate)),
          };
        }),
      );
    }
    const sorted = <V extends { vehicles: { plate: string }[] }>(vs: V[]) =>
      vs.map((v) => ({ ...v, vehicles: [...v.vehicles].sort((a, b) => a.plate.localeCompare(b.plate)) }));

    const entry = (licenceNumber: string, kind: "APPLIED" | "ADJUSTED" | "RESERVED" | "RELEASED", points: number, at: string, handlingId: string | null = null) =>
      db().insert(pointsLedger).values({ licenceNumber, kind, points, handlingId, at: new Date(at), recordedAt: new Date(at) });

    it("matches the separate reads for owners, filings, leases and the ledger's cycle edges", async () => {
      // First issued 2015-03-01 (CST): the cycle containing 2024-06-01 is [2024-03-01, 2025-03-01) CST.
      const a = await driver(db(), "边界", { points: 0 });
      const b = await driver(db(), "负数", { points: 0 });
      const filer = await driver(db(), "备案人");
      const lessee = await driver(db(), "租客", null);
      const temp = await driver(db(), "临时驾驶", null);
      const car = await ownCar(db(), a);
      await ownCar(db(), a);
      await seedFiling(db(), { plate: car.plate, accountId: filer.id, effectiveAt: new Date("2024-01-01T00:00:00Z") });
      const rental = await leasedRental(db(), { companyName: "视图租车", creditCode: "91500000MA5VIEWER1", apiKey: "k-viewer" }, lessee, [temp, a]);
      await entry(a.idNumber, "APPLIED", 3, "2024-02-29T23:59:59.999+08:00"); // the previous cycle's last instant
      await entry(a.idNumber, "APPLIED", 2, "2024-03-01T00:00:00+08:00"); // the cycle's first
      await entry(a.idNumber, "APPLIED", 1, "2025-02-28T23:59:59.999+08:00"); // its last (after now)
      await entry(a.idNumber, "APPLIED", 6, "2025-03-01T00:00:00+08:00"); // the next cycle's first
      await entry(a.idNumber, "RESERVED", 4, "2024-05-01T00:00:00Z", "h-open");
      await entry(a.idNumber, "RESERVED", 5, "2022-05-01T00:00:00Z", "h-old-open");
      await entry(a.idNumber, "RESERVED", 2, "2024-05-02T00:00:00Z", "h-settled");
      await entry(a.idNumber, "RELEASED", 2, "2024-05-03T00:00:00Z", "h-settled");
      await entry(b.idNumber, "APPLIED", 2, "2024-04-01T00:00:00Z");
      await entry(b.idNumber, "ADJUSTED", -5, "2024-04-02T00:00:00Z");

      const now = new Date("2024-06-01T10:00:00+08:00");
      const ids = [a.id, b.id, filer.id, lessee.id, temp.id, "no-such-account"];
      const merged = sorted(await viewersByIds(db(), ids, now));
      expect(merged).toEqual(sorted(await separate(ids, now)));
      const byId = new Map(merged.map((v) => [v.account.id, v]));
      expect(byId.get(a.id)?.ledger).toMatchObject({ points: 3, reservedPoints: 9 });
      expect(byId.get(b.id)?.ledger).toMatchObject({ points: 0, reservedPoints: 0 });
      expect(byId.get(a.id)?.access.map((r) => r.relation)).toEqual(expect.arrayContaining(["OWNER", "OWNER", "TEMPORARY_DRIVER"]));
      expect(byId.get(a.id)?.vehicles).toHaveLength(3);
      expect(byId.get(filer.id)?.access.map((r) => r.relation)).toEqual(["FILED"]);
      expect(byId.get(lessee.id)?.access.map((r) => r.relation)).toEqual(["LESSEE"]);
      expect(byId.get(temp.id)?.vehicles.map((v) => v.plate)).toEqual([rental.plate]);
      expect(byId.has("no-such-account")).toBe(false);
      // A year later the next cycle holds only the 6 points of its first instant.
      const later = new Date("2025-03-01T00:00:00+08:00");
      expect(sorted(await viewersByIds(db(), [a.id], later))).toEqual(sorted(await separate([a.id], later)));
      expect((await viewersByIds(db(), [a.id], later))[0]?.ledger?.points).toBe(6);
    });

    it("finds a lease through its lessee and through a named driver only (the two lease branches)", async () => {
      const lessee = await driver(db(), "租客甲", null);
      const named = await driver(db(), "司机乙", null);
      const otherLessee = await driver(db(), "租客丙", null);
      const otherDriver = await driver(db(), "司机丁", null);
      const stranger = await driver(db(), "路人", null);
      // The lessee is also named among the drivers of their lease: one relation, LESSEE.
      const mine = await leasedRental(db(), { companyName: "甲租车", creditCode: "91500000MA5LEASE01", apiKey: "k-lease-1" }, lessee, [named, lessee]);
      const theirs = await leasedRental(db(), { companyName: "丙租车", creditCode: "91500000MA5LEASE02", apiKey: "k-lease-2" }, otherLessee, [otherDriver]);
      const now = new Date("2024-06-01T10:00:00+08:00");
      const people = [lessee, named, otherLessee, otherDriver, stranger];
      const viewers = new Map((await viewersByIds(db(), people.map((p) => p.id), now)).map((v) => [v.account.id, v]));
      const seen = (id: string) => ({
        access: viewers.get(id)?.access.map((r) => `${r.relation}:${r.plate}`),
        vehicles: viewers.get(id)?.vehicles.map((v) => v.plate),
      });
      expect(seen(lessee.id)).toEqual({ access: [`LESSEE:${mine.plate}`], vehicles: [mine.plate] });
      expect(seen(named.id)).toEqual({ access: [`TEMPORARY_DRIVER:${mine.plate}`], vehicles: [mine.plate] });
      expect(seen(otherLessee.id)).toEqual({ access: [`LESSEE:${theirs.plate}`], vehicles: [theirs.plate] });
      expect(seen(otherDriver.id)).toEqual({ access: [`TEMPORARY_DRIVER:${theirs.plate}`], vehicles: [theirs.plate] });
      expect(seen(stranger.id)).toEqual({ access: [], vehicles: [] });
      // The batch statement of the internal API and authorize (literal lists, with and without plates) agrees.
      const batch = await accessOfPeople(db(), people.map(personOf));
      for (const p of people) expect(batch.get(p.id)).toEqual(viewers.get(p.id)?.access);
      const onMine = await accessOfPeople(db(), people.map(personOf), [mine.plate]);
      expect(people.map((p) => onMine.get(p.id)?.map((r) => r.relation))).toEqual([["LESSEE"], ["TEMPORARY_DRIVER"], [], [], []]);
    });

    it("dates the ledger by its latest entry of any kind, a release or a reservation included (R-SYNC-2's as-of)", async () => {
      const c = await driver(db(), "最后释放", { points: 0 });
      const d = await driver(db(), "最后预留", { points: 0 });
      await entry(c.idNumber, "APPLIED", 1, "2024-04-01T00:00:00Z");
      await entry(c.idNumber, "RESERVED", 2, "2024-04-02T00:00:00Z", "h-c");
      await entry(c.idNumber, "RELEASED", 2, "2024-04-03T08:09:10.123Z", "h-c");
      await entry(d.idNumber, "APPLIED", 1, "2024-04-01T00:00:00Z");
      await entry(d.idNumber, "RESERVED", 3, "2024-04-05T01:02:03.456Z", "h-d");
      const now = new Date("2024-06-01T10:00:00+08:00");
      const viewers = new Map((await viewersByIds(db(), [c.id, d.id], now)).map((v) => [v.account.id, v.ledger]));
      expect(viewers.get(c.id)).toEqual({ points: 1, reservedPoints: 0, lastEntryAt: new Date("2024-04-03T08:09:10.123Z") });
      expect(viewers.get(d.id)).toEqual({ points: 1, reservedPoints: 3, lastEntryAt: new Date("2024-04-05T01:02:03.456Z") });
    });

    it("leaves the totals of a licence first issued after now to the ledger loader", async () => {
      const young: AccountRow = await driver(db(), "新证", { firstIssuedOn: "2030-01-01" });
      const [viewer] = await viewersByIds(db(), [young.id], new Date("2024-06-01T10:00:00+08:00"));
      expect(viewer?.licence?.number).toBe(young.idNumber);
      expect(viewer?.ledger).toBeNull();
    });
  });
}
