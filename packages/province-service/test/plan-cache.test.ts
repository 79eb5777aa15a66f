/**
 * A shard's PGlite database plans each named statement once (issue 12, db/database.ts): it runs with
 * `plan_cache_mode = force_generic_plan`, as the home platform's does. A generic plan uses a partial index
 * only when the query states the index's predicate literally, so the revert sweeper's scan of due
 * handlings says `state = 'ACTIVE'`: on thousands of handlings its generic plan takes the partial index
 * `handlings_active_pay_by_idx`, not a scan of every handling. The violation loader's `id = any($1)` with
 * its join to handlings keeps both primary keys.
 */
import { VirtualClock, rowsOf, type Database } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProvinceDatabase, type ProvinceSchema } from "../src/db/database";
import { RevertSweeper } from "../src/revert/revert.sweeper";
import { seedViolations } from "../src/seed";
import { createViolationLoader } from "../src/violation/violation.loader";
import { START } from "./harness";

describe("a shard's PGlite plan cache", () => {
  let database: Database<ProvinceSchema>;
  const clock = new VirtualClock(START);
  const ids: string[] = [];
  beforeAll(async () => {
    database = await openProvinceDatabase({});
    const db = database.db;
    const at = new Date(clock.now().getTime() - 86_400_000);
    for (let i = 0; i < 4; i++) ids.push(...(await seedViolations(db, "51", { count: 1000, occurredAt: at, recordedAt: at })).map((r) => r.id));
    // Most handlings paid long ago, a few active: the sweeper's partial index holds only those.
    await db.execute(sql`
      insert into handlings (id, violation_id, account_id, decision_number, handled_at, pay_by, reservation_id, fine_yuan, points, state)
      select gen_random_uuid(), v.id, 'acct', 'd' || v.id, ${START}::timestamptz - interval '1 day', ${START}::timestamptz - interval '22 hours', 'r', 100, 1,
             case when v.id like '%0' then 'ACTIVE' else 'PAID' end
        from violations v`);
    await db.execute(sql`update violations v set handling_id = h.id, status = case when h.state = 'PAID' then 'PAID' else 'HANDLED_UNPAID' end from handlings h where h.violation_id = v.id`);
    await db.execute(sql`analyze`);
  });
  afterAll(() => database?.close());

  /** The text of the first statement `run` sends that reads `table`. */
  async function statementOf(table: string, run: () => Promise<unknown>): Promise<string> {
    database.queries.reset();
    database.queries.record();
    await run();
    const text = database.queries.recorded.find((q) => q.includes(`from "${table}"`));
    expect(text).toBeDefined();
    return text!;
  }

  /** The generic plan of `text` (its parameters unbound), through PGlite's simple protocol (`exec`). */
  async function genericPlan(text: string): Promise<string> {
    const client = (database.db as unknown as { $client: unknown }).$client as { exec(query: string): Promise<{ rows: { "QUERY PLAN": string }[] }[]> };
    const [result] = await client.exec(`explain (generic_plan) ${text}`);
    return (result?.rows ?? []).map((r) => r["QUERY PLAN"]).join("\n");
  }

  it("plans the violation loader's statement once, never at a run", async () => {
    const [row] = rowsOf<{ plan_cache_mode: string }>(await database.db.execute(sql`show plan_cache_mode`));
    expect(row?.plan_cache_mode).toBe("force_generic_plan");
    // Runs a request each, as the shard's requests do (PostgreSQL planned each of them again before).
    for (let i = 0; i < 8; i++) await createViolationLoader(database.db, clock).loadMany(ids.slice(i, i + 3));
    const plans = rowsOf<{ generic_plans: number; custom_plans: number }>(
      await database.db.execute(sql`select generic_plans::int, custom_plans::int from pg_prepared_statements where statement like '%from "violations" left join "handlings"%'`),
    );
    expect(plans).toEqual([{ generic_plans: 8, custom_plans: 0 }]);
  });

  it("finds due handlings through the partial index of active ones in a generic plan", async () => {
    const sweeper = new RevertSweeper(database.db, "51", clock, pino({ level: "silent" }), 0);
    const plan = await genericPlan(await statementOf("handlings", () => sweeper.sweepOnce()));
    expect(plan).toContain("handlings_active_pay_by_idx");
    expect(plan).not.toMatch(/Seq Scan on handlings/);
    // …and the sweep found them: 400 active handlings were due (pay_by a day before now).
    const [left] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from handlings where state = 'ACTIVE'`));
    expect(left?.n).toBe(0);
  });

  it("reads violations by IDs with their handlings through both primary keys in a generic plan", async () => {
    const loader = createViolationLoader(database.db, clock);
    const plan = await genericPlan(await statementOf("violations", () => loader.loadMany(ids.slice(0, 3))));
    expect(plan).toContain("violations_pkey");
    expect(plan).toContain("handlings_pkey");
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
