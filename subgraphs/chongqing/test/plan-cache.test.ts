/**
 * The platform's PGlite database plans each named statement once (docs/design.md §6, issue 12): it runs
 * with `plan_cache_mode = force_generic_plan`. A generic plan uses a partial index only when the query
 * states the index's predicate literally, so the hot lookups by handling state `kind = 'RESERVED'` as a
 * literal: on a ledger of thousands of entries their generic plans use the index, not a scan.
 */
import { rowsOf } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewersByIds } from "../src/accounts/viewer.store";
import { openPlatformDatabase, type PlatformDatabase } from "../src/db/database";
import { applyPaidHandling } from "../src/handoff/settle.service";
import { reservationOf } from "../src/licences/ledger.writes";
import { seedAccount, seedLicence } from "../src/seed";

describe("the platform's PGlite plan cache", () => {
  let database: PlatformDatabase;
  beforeAll(async () => {
    database = await openPlatformDatabase();
    const db = database.db;
    await seedAccount(db, { name: "计划", idNumber: "500101199001010011", phone: "13800000011" });
    await seedLicence(db, { holderIdNumber: "500101199001010011", holderName: "计划", firstIssuedOn: "2015-03-01" });
    await db.execute(sql`
      insert into points_ledger (licence_number, kind, points, handling_id, violation_id, at, recorded_at)
      select '500101199001010011', case when g % 2 = 0 then 'RESERVED' else 'APPLIED' end, 1, 'h' || g, 'v' || g, now(), now()
        from generate_series(1, 6000) g`);
    // Releases of reservations and voids (releases with no reservation, recordVoid): the viewer statement's date probes them.
    await db.execute(sql`
      insert into points_ledger (licence_number, kind, points, handling_id, violation_id, at, recorded_at)
      select '500101199001010011', 'RELEASED', 0, case when g % 2 = 0 then 'h' || (2 * g) else 'void' || g end, 'v' || g, now(), now()
        from generate_series(1, 1000) g`);
    await db.execute(sql`analyze points_ledger`);
  });
  afterAll(() => database?.close());

  it("uses generic plans for named statements", async () => {
    const [row] = rowsOf<{ plan_cache_mode: string }>(await database.db.execute(sql`show plan_cache_mode`));
    expect(row?.plan_cache_mode).toBe("force_generic_plan");
  });

  it("finds a reservation through its partial unique index in a generic plan", async () => {
    for (const find of [
      () => reservationOf(database.db, "h2"),
      () => database.db.transaction((tx) => applyPaidHandling(tx, "no-such-handling", new Date(), new Date())),
    ]) {
      database.queries.reset();
      database.queries.record();
      await find();
      const text = database.queries.recorded.find((q) => q.includes("points_ledger"))!;
      // The session's plan cache mode makes EXPLAIN EXECUTE show the generic plan.
      await database.db.execute(sql.raw(`prepare plan_probe as ${text}`));
      const plan = rowsOf<{ "QUERY PLAN": string }>(await database.db.execute(sql.raw(`explain execute plan_probe('h2')`)))
        .map((r) => r["QUERY PLAN"])
        .join("\n");
      await database.db.execute(sql.raw(`deallocate plan_probe`));
      expect(plan).toContain("$1");
      expect(plan).toContain("points_ledger_reservation_uq");
      expect(plan).not.toMatch(/Seq Scan on points_ledger/);
    }
  });

  it("the viewer statement reads the licence's entries by index and probes each reservation's settlement and each release's reservation (R-SYNC-2)", async () => {
    const [account] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from accounts where id_number = '500101199001010011'`));
    database.queries.reset();
    database.queries.record();
    const [viewer] = await viewersByIds(database.db, [account!.id], new Date());
    expect(viewer?.ledger?.reservedPoints).toBe(2500);
    const text = database.queries.recorded.find((q) => q.includes("points_ledger"))!;
    // The parameters by their casts in the text: the instant, the account IDs.
    const values = [...text.matchAll(/\$(\d+)::(timestamptz|text\[\])/g)]
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((m) => (m[2] === "timestamptz" ? `'${new Date().toISOString()}'` : `'{${account!.id}}'`));
    expect(values).toHaveLength(2);
    await database.db.execute(sql.raw(`prepare viewer_probe as ${text}`));
    const plan = rowsOf<{ "QUERY PLAN": string }>(await database.db.execute(sql.raw(`explain execute viewer_probe(${values.join(", ")})`)))
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    await database.db.execute(sql.raw(`deallocate viewer_probe`));
    expect(plan).toContain("$2");
    // One probe of a partial unique index per entry that needs it (UNSETTLED, LAST_ENTRY_AT's void test),
    // neither a scan nor a hash of the ledger's reservations or settlements.
    expect(plan).toContain("points_ledger_licence_idx");
    expect(plan).toMatch(/Index Only Scan using points_ledger_settlement_uq/);
    expect(plan).toMatch(/Index Only Scan using points_ledger_reservation_uq/);
    expect(plan).not.toMatch(/Seq Scan on points_ledger|hashed SubPlan/);
  });
});
