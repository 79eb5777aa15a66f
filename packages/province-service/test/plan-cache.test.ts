/**
 * A shard's PGlite database plans each named statement once (docs/design.md §6, issue 12): it runs with
 * `plan_cache_mode = force_generic_plan`. A generic plan uses a partial index only when the query states
 * the index's predicate literally, so the sweeper's scan of active handlings (every tick and interval)
 * says `state = 'ACTIVE'` as a literal: on thousands of handlings its generic plan takes the partial
 * index handlings_active_pay_by_idx, not a scan of the table.
 */
import { rowsOf, systemClock } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProvinceDatabase } from "../src/db/database";
import { RevertSweeper } from "../src/revert/revert.sweeper";

describe("a shard's PGlite plan cache", () => {
  let database: Awaited<ReturnType<typeof openProvinceDatabase>>;
  beforeAll(async () => {
    database = await openProvinceDatabase({});
    await database.db.execute(sql`
      insert into violations (id, province_code, plate, plate_type, code, location, occurred_at, recorded_at, source, agency_area_code, fine_yuan, points,
                              warning_only, simple_procedure, fine_source, fine_assumed, status, recorder, source_record_key, request_hash)
      select 'v' || g, '51', '川A' || lpad(g::text, 5, '0'), '02', '1039', 'x', now(), now(), 'CAMERA', '510100', 200, 3,
             false, false, 'test', false, 'PAID', 'cam', 'k' || g, 'h' from generate_series(1, 6000) g`);
    await database.db.execute(sql`
      insert into handlings (id, violation_id, account_id, decision_number, handled_at, pay_by, reservation_id, fine_yuan, points, state)
      select gen_random_uuid(), 'v' || g, 'a', 'd' || g, now(), now() + interval '1 day', 'r' || g, 200, 3, case when g <= 3 then 'ACTIVE' else 'PAID' end
        from generate_series(1, 6000) g`);
    await database.db.execute(sql`analyze handlings`);
  });
  afterAll(() => database?.close());

  it("uses generic plans for named statements", async () => {
    const [row] = rowsOf<{ plan_cache_mode: string }>(await database.db.execute(sql`show plan_cache_mode`));
    expect(row?.plan_cache_mode).toBe("force_generic_plan");
  });

  it("finds the due handlings through the partial index of active ones in a generic plan", async () => {
    database.queries.reset();
    database.queries.record();
    expect(await new RevertSweeper(database.db, "51", systemClock, pino({ level: "silent" }), 0).sweepOnce()).toBe(0);
    const text = database.queries.recorded.find((q) => q.includes('from "handlings"'))!;
    expect(text).toBeDefined();
    // The session's plan cache mode makes EXPLAIN EXECUTE show the generic plan.
    await database.db.execute(sql.raw(`prepare plan_probe as ${text}`));
    const plan = rowsOf<{ "QUERY PLAN": string }>(await database.db.execute(sql.raw(`explain execute plan_probe(now(), 200)`)))
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    await database.db.execute(sql.raw(`deallocate plan_probe`));
    expect(plan).toContain("$1");
    expect(plan).toContain("handlings_active_pay_by_idx");
    expect(plan).not.toMatch(/Seq Scan on handlings/);
  });
});
