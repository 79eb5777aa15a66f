/**
 * PGlite's statement cost through drizzle, PGlite's own path against named prepared statements
 * (`packages/service-kit/src/pglite-statements.ts`, issue 12: the load's CPU per journey), their
 * answers read from PGlite's parsed messages or raw (`pglite-exchange.ts`). Opens three province
 * databases in this process the way the services do (`openDatabase`: the shared runtime, Liftoff only,
 * migrations), with `PGLITE_STATEMENTS=unnamed`, `=messages` and the default, seeds the same violations
 * in each, and runs the same work on each in alternated rounds: a read by primary key, a read by plate,
 * an insert, and a handling-like transaction (idempotency read, the violation's row, a conditional
 * update with `returning`, an idempotency insert, the update undone: 5 statements). Reports CPU ms per
 * operation (process.cpuUsage: this process only, so the machine's other load matters less than to
 * wall time). Run on demand, never as a test:
 *
 *   npx tsx bench/pglite-statements.bench.ts [--rounds 4] [--ops 400]
 */
import { parseArgs } from "node:util";
import { openProvinceDatabase, seedViolations } from "@jg/province-service";
import { and, eq } from "drizzle-orm";
import { idempotency, violations } from "../packages/province-service/src/db/schema";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "4" }, ops: { type: "string", default: "400" } } });
const rounds = Number(values.rounds);
const ops = Number(values.ops);

async function open(mode: "named" | "messages" | "unnamed") {
  process.env["PGLITE_STATEMENTS"] = mode;
  const database = await openProvinceDatabase({});
  const rows = await seedViolations(database.db, "51", { count: 1000, plate: (i) => `川A${String(i % 500).padStart(5, "0")}`, occurredAt: new Date("2026-03-01T02:00:00Z"), recordedAt: new Date("2026-03-01T02:05:00Z") });
  return { mode, database, ids: rows.map((r) => r.id), plates: [...new Set(rows.map((r) => r.plate))] };
}
const dbs = [await open("unnamed"), await open("messages"), await open("named")];
let serial = 0;
delete process.env["PGLITE_STATEMENTS"];

type Target = (typeof dbs)[number];
const work: Record<string, (t: Target, i: number) => Promise<unknown>> = {
  "read by id": ({ database: { db }, ids }, i) => db.select().from(violations).where(eq(violations.id, ids[i % ids.length]!)),
  "read by plate": ({ database: { db }, plates }, i) => db.select().from(violations).where(eq(violations.plate, plates[i % plates.length]!)),
  insert: ({ database: { db } }) => db.insert(idempotency).values({ operation: "bench", principal: "p", key: `i-${(serial += 1)}`, requestHash: "h", response: { ok: true }, createdAt: new Date() }),
  "handling-like transaction": ({ database: { db }, ids }, i) =>
    db.transaction(async (tx) => {
      const id = ids[i % ids.length]!;
      const key = `k-${i}-${Math.random()}`;
      await tx.select().from(idempotency).where(and(eq(idempotency.operation, "handle"), eq(idempotency.principal, "p"), eq(idempotency.key, key)));
      await tx.select().from(violations).where(eq(violations.id, id));
      await tx.update(violations).set({ status: "HANDLED_UNPAID" }).where(and(eq(violations.id, id), eq(violations.status, "UNHANDLED"))).returning({ id: violations.id });
      await tx.insert(idempotency).values({ operation: "handle", principal: "p", key, requestHash: "h", response: { ok: true, id }, createdAt: new Date() });
      await tx.update(violations).set({ status: "UNHANDLED" }).where(eq(violations.id, id));
    }),
};

const results = new Map<string, number[]>();
for (let round = 1; round <= rounds; round++) {
  for (const target of round % 2 ? dbs : [...dbs].reverse()) {
    for (const [name, run] of Object.entries(work)) {
      for (let i = 0; i < 50; i++) await run(target, i); // warm
      const before = process.cpuUsage();
      for (let i = 0; i < ops; i++) await run(target, i);
      const used = process.cpuUsage(before);
      const key = `${name}\t${target.mode}`;
      results.set(key, [...(results.get(key) ?? []), (used.user + used.system) / 1000 / ops]);
    }
  }
}
console.log(`| operation | PGlite's own path, CPU ms (rounds) | named, PGlite's messages | named, raw answers | raw vs messages |`);
console.log(`|---|---|---|---|---|`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const name of Object.keys(work)) {
  const [a, m, b] = (["unnamed", "messages", "named"] as const).map((mode) => results.get(`${name}\t${mode}`)!);
  const fmt = (xs: number[]) => `${median(xs).toFixed(3)} (${xs.map((x) => x.toFixed(3)).join(", ")})`;
  console.log(`| ${name} | ${fmt(a!)} | ${fmt(m!)} | ${fmt(b!)} | ${(((median(b!) - median(m!)) / median(m!)) * 100).toFixed(0)} % |`);
}
for (const { database } of dbs) await database.close();
