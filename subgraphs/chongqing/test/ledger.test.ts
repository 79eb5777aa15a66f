/**
 * The points ledger read side: `points` (applied in the current scoring cycle), `reservedPoints`
 * (unsettled reservations, any cycle) and the freshness time, for many licences in one SQL statement.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlatformDatabase, type PlatformDatabase } from "../src/db/database";
import { pointsLedger } from "../src/db/schema";
import { ledgerTotals } from "../src/licences/ledger.store";
import { ledgerWindow } from "../src/licences/licence.view";
import { seedLicence, seedPoints } from "../src/seed";

const now = new Date("2024-06-01T10:00:00+08:00");

for (const engine of testEngines()) {
  describe(`the points ledger on ${engine.name}`, () => {
    let database: PlatformDatabase;
    beforeAll(async () => {
      database = await openPlatformDatabase({ url: await engine.create() });
    });
    afterAll(async () => {
      await database?.close();
      await engine.cleanup();
    });

    it("sums applied points of the current cycle only, adjustments included, never below 0", async () => {
      const db = database.db;
      // First issued 2015-03-01: the cycle at `now` is [2024-03-01, 2025-03-01) CST (记分办法 §3).
      const a = await seedLicence(db, { holderIdNumber: "L1", holderName: "甲", firstIssuedOn: "2015-03-01" });
      await seedPoints(db, { licenceNumber: a.number, points: 6, at: new Date("2024-02-29T23:59:59+08:00") }); // previous cycle
      await seedPoints(db, { licenceNumber: a.number, points: 3, at: new Date("2024-03-01T00:00:00+08:00") }); // first instant of this one
      await seedPoints(db, { licenceNumber: a.number, points: 1, at: new Date("2024-05-01T00:00:00+08:00") });
      const b = await seedLicence(db, { holderIdNumber: "L2", holderName: "乙", firstIssuedOn: "2015-03-01", points: 2, pointsAt: now });
      await seedPoints(db, { licenceNumber: b.number, points: -5, at: now, kind: "ADJUSTED", note: "cleared after exam (§23)" });
      const totals = await ledgerTotals(db, [ledgerWindow(a, now), ledgerWindow(b, now)]);
      expect(totals.get(a.number)?.points).toBe(4);
      expect(totals.get(b.number)?.points).toBe(0);
    });

    it("counts a reservation until it is settled, whichever the cycle, and never twice", async () => {
      const db = database.db;
      const c = await seedLicence(db, { holderIdNumber: "L3", holderName: "丙", firstIssuedOn: "2015-03-01" });
      const base = { licenceNumber: c.number, violationId: "5101007900000001", provinceCode: "51", recordedAt: now };
      await db.insert(pointsLedger).values([
        { ...base, kind: "RESERVED", points: 3, handlingId: "h-open", at: new Date("2024-02-28T10:00:00+08:00") },
        { ...base, kind: "RESERVED", points: 6, handlingId: "h-paid", at: now },
        { ...base, kind: "APPLIED", points: 6, handlingId: "h-paid", at: now },
        { ...base, kind: "RESERVED", points: 1, handlingId: "h-back", at: now },
        { ...base, kind: "RELEASED", points: 0, handlingId: "h-back", at: now },
      ]);
      const totals = (await ledgerTotals(db, [ledgerWindow(c, now)])).get(c.number);
      expect(totals).toMatchObject({ points: 6, reservedPoints: 3 });
      // The database itself refuses a second settlement of one handling.
      await expect(db.insert(pointsLedger).values({ ...base, kind: "RELEASED", points: 0, handlingId: "h-paid", at: now })).rejects.toThrow();
      await expect(db.insert(pointsLedger).values({ ...base, kind: "RESERVED", points: 3, handlingId: "h-open", at: now })).rejects.toThrow();
    });

    it("R-SYNC-2: dates the ledger by its last entry that is not a void; a void alone leaves it undated", async () => {
      const db = database.db;
      const e = await seedLicence(db, { holderIdNumber: "L4", holderName: "丁", firstIssuedOn: "2015-03-01" });
      const onlyVoid = await seedLicence(db, { holderIdNumber: "L5", holderName: "戊", firstIssuedOn: "2015-03-01" });
      const at = (minute: number) => new Date(now.getTime() + minute * 60_000);
      const base = { violationId: "5101007900000002", provinceCode: "51", at: now };
      const write = (licenceNumber: string, kind: "RESERVED" | "RELEASED" | "APPLIED", points: number, handlingId: string, minute: number) =>
        db.insert(pointsLedger).values({ ...base, licenceNumber, kind, points, handlingId, recordedAt: at(minute) });
      const lastEntry = async (licenceNumber: string, row = e) =>
        (await ledgerTotals(db, [ledgerWindow(row, now)])).get(licenceNumber)?.lastEntryAt?.toISOString() ?? null;
      await write(e.number, "RESERVED", 2, "h-e-1", 1);
      expect(await lastEntry(e.number)).toBe(at(1).toISOString());
      // A void: a release with no reservation of its handling (recordVoid). Neither points nor reserved points move, nor the date.
      await write(e.number, "RELEASED", 0, "h-e-void-1", 2);
      expect(await lastEntry(e.number)).toBe(at(1).toISOString());
      expect((await ledgerTotals(db, [ledgerWindow(e, now)])).get(e.number)).toMatchObject({ points: 0, reservedPoints: 2 });
      // The release of the reservation dates it.
      await write(e.number, "RELEASED", 0, "h-e-1", 3);
      expect(await lastEntry(e.number)).toBe(at(3).toISOString());
      await write(e.number, "RELEASED", 0, "h-e-void-2", 4);
      expect(await lastEntry(e.number)).toBe(at(3).toISOString());
      // A reservation applied (paid) dates it too.
      await write(e.number, "RESERVED", 1, "h-e-2", 5);
      await write(e.number, "APPLIED", 1, "h-e-2", 6);
      expect(await lastEntry(e.number)).toBe(at(6).toISOString());
      await write(onlyVoid.number, "RELEASED", 0, "h-l5-void", 7);
      expect(await lastEntry(onlyVoid.number, onlyVoid)).toBeNull();
    });

    it("answers any number of licences with one SQL statement, zeros for an empty ledger", async () => {
      const db = database.db;
      const rows = [];
      for (let i = 0; i < 5; i += 1) {
        rows.push(await seedLicence(db, { holderIdNumber: `B${i}`, holderName: `批${i}`, firstIssuedOn: "2018-07-15", points: i, pointsAt: now }));
      }
      rows.push(await seedLicence(db, { holderIdNumber: "B-empty", holderName: "空", firstIssuedOn: "2018-07-15" }));
      database.queries.reset();
      const totals = await ledgerTotals(db, rows.map((row) => ledgerWindow(row, now)));
      expect(database.queries.count).toBe(1);
      expect(rows.map((row) => totals.get(row.number)?.points)).toEqual([0, 1, 2, 3, 4, 0]);
      expect(totals.get("B-empty")).toEqual({ points: 0, reservedPoints: 0, lastEntryAt: null });
      expect(totals.get("B3")?.lastEntryAt?.getTime()).toBe(now.getTime());
    });
  });
}
