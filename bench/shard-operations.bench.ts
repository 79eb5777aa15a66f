/**
 * CPU of one province shard per recordViolation, handleViolation and payFine, run one at a time (issue 12,
 * the load's CPU per journey): the shard of the province-service tests (PGlite in memory, the tests' fake
 * home platform in this same process), so the figure is this process's CPU (process.cpuUsage) and the
 * statements its database counted. Run on demand, never as a test; for an A/B run it in each checkout:
 *
 *   npx tsx bench/shard-operations.bench.ts [n=200]
 */
import { cpuUsage } from "node:process";
import { camera51, cameraRecord, citizen, startTestShard } from "../packages/province-service/test/harness";
import { handleViolation, payFine, recordViolation } from "../packages/province-service/test/flow";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const n = Number(process.argv[2] ?? 200);
const t = await startTestShard({});
const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const totals = { record: 0, handle: 0, pay: 0 };
async function one(i: number, count: boolean) {
  let c = cpu();
  const rec = await recordViolation(t, camera51, cameraRecord(t.clock, { plate: `渝B${String(i).padStart(5, "0")}` }));
  const id = (rec.data as { recordViolation: { violation: { id: string } } }).recordViolation.violation.id;
  if (count) totals.record += cpu() - c;
  c = cpu();
  const h = await handleViolation(t, citizen, id, true, `h-${i}`);
  if (count) totals.handle += cpu() - c;
  if (!(h.data as { handleViolation?: { ok?: boolean } } | undefined)?.handleViolation?.ok) throw new Error(`handle ${i} failed: ${JSON.stringify(h)}`);
  c = cpu();
  const p = await payFine(t, citizen, id, "APP", `p-${i}`);
  if (count) totals.pay += cpu() - c;
  if (!(p.data as { payFine?: { ok?: boolean } } | undefined)?.payFine?.ok) throw new Error(`pay ${i} failed: ${JSON.stringify(p)}`);
  await t.shard.relay.drainOnce();
}
for (let i = 0; i < 30; i++) await one(i, false);
const statements0 = t.shard.database.queries.count;
for (let i = 30; i < 30 + n; i++) await one(i, true);
const statements = (t.shard.database.queries.count - statements0) / n;
console.log(`n=${n} CPU ms per operation: record ${(totals.record / n).toFixed(2)}, handle ${(totals.handle / n).toFixed(2)}, pay ${(totals.pay / n).toFixed(2)}; statements per journey (record + handle + pay + the relay's delivery) ${statements.toFixed(1)}`);
await t.close();
