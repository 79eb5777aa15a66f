/**
 * The outbox on PGlite over many messages, with and without VACUUM (issue 12, ninth session; never a
 * test). PGlite has no autovacuum (service-kit pglite-vacuum.ts): every delivered row leaves a dead
 * version whose entry in `outbox_pending_idx` still says `delivered_at` is null, and the relay's claim
 * (a bitmap scan of that index) visits them all. Two in-memory databases take the same messages in
 * alternation, one VACUUMed after each round and one never; each message is enqueued in a transaction,
 * claimed and marked delivered, as the relay does. Prints CPU per message of each statement, per round.
 *
 *   npx tsx bench/outbox-vacuum.bench.ts [--rounds=10] [--messages=2000]
 */
import { cpuUsage } from "node:process";
import { sql } from "drizzle-orm";
import { enqueue } from "@jg/handoff";
// The relay's own claim and delivered update (relay.ts runs them the same way).
import { claimDeliverable } from "../packages/handoff/src/relay-claim";
import { settleResults } from "../packages/handoff/src/relay-settle";
import { openTestDb, recorded, violationId, type TestDb } from "../packages/handoff/test/support";
import { flags } from "./flags";

const args = flags();
const rounds = Number(args.rounds ?? 10);
const messages = Number(args.messages ?? 2000);

const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = { now: () => new Date() };
const counters = () => ({ delivered: 0, failed: 0, lastLagMs: 0, maxLagMs: 0 });

/** One round of `messages` through `db`: CPU ms per message of the enqueue transaction, the claim and the delivered update. */
async function round(db: TestDb): Promise<{ enqueue: number; claim: number; delivered: number }> {
  const t = { enqueue: 0, claim: 0, delivered: 0 };
  for (let i = 0; i < messages; i++) {
    let c = cpu();
    await db.transaction((tx) => enqueue(tx, { destination: "home-platform", message: recorded(violationId(), new Date()) }));
    t.enqueue += cpu() - c;
    c = cpu();
    const rows = await claimDeliverable(db, { now: new Date(), wallNow: new Date(), delayMs: 0, batchSize: 50, leaseMs: 30_000 });
    t.claim += cpu() - c;
    c = cpu();
    await settleResults(db, rows.map((row) => ({ ok: true as const, row })), { clock, delayMs: 0, counters: counters() as never });
    t.delivered += cpu() - c;
  }
  return { enqueue: t.enqueue / messages, claim: t.claim / messages, delivered: t.delivered / messages };
}

const never = await openTestDb(undefined);
const vacuumed = await openTestDb(undefined);
const f = (n: number) => n.toFixed(3);
console.log(`| round | messages so far | never vacuumed: enqueue / claim / delivered, ms a message | vacuumed after each round: the same | VACUUM, ms |`);
console.log(`|---|---|---|---|---|`);
try {
  for (let r = 1; r <= rounds; r++) {
    const a = await round(never.db);
    const b = await round(vacuumed.db);
    const c = cpu();
    await vacuumed.db.execute(sql`vacuum`);
    const v = cpu() - c;
    console.log(`| ${r} | ${r * messages} | ${f(a.enqueue)} / ${f(a.claim)} / ${f(a.delivered)} | ${f(b.enqueue)} / ${f(b.claim)} / ${f(b.delivered)} | ${v.toFixed(1)} |`);
  }
} finally {
  await never.close();
  await vacuumed.close();
}
