/**
 * CPU of the home platform per authorize (an approval of 1 point) and per `violation.paid` message, run one
 * at a time (issue 12, the load's CPU per journey): the platform of the Chongqing tests (PGlite in memory;
 * the caller, this same process, signs and sends over loopback HTTP, so its share is in the figure too).
 * Run on demand, never as a test; for an A/B run it in each checkout:
 *
 *   npx tsx bench/platform-operations.bench.ts [n=200]
 */
import { cpuUsage } from "node:process";
import { testEngines } from "@jg/service-kit/testing";
import { authorize, authorizeRequest, deliver, message, paidOf, startTestPlatform } from "../subgraphs/chongqing/test/flow";
import { driver, ownCar } from "../subgraphs/chongqing/test/people";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const n = Number(process.argv[2] ?? 200);
const t = await startTestPlatform(testEngines()[0]!);
const db = t.database.db;
const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const totals = { authorize: 0, paid: 0 };
async function one(i: number, count: boolean) {
  const me = await driver(db, `司机${i}`);
  const car = await ownCar(db, me);
  const req = authorizeRequest(me.id, { plate: car.plate, points: 1 });
  let c = cpu();
  const res = await authorize(t, req);
  if (count) totals.authorize += cpu() - c;
  if (!res.approved) throw new Error(`authorize ${i}: ${JSON.stringify(res)}`);
  c = cpu();
  await deliver(t, message("violation.paid", paidOf(req, t.clock.now())));
  if (count) totals.paid += cpu() - c;
}
for (let i = 0; i < 30; i++) await one(i, false);
t.database.queries.reset();
for (let i = 30; i < 30 + n; i++) await one(i, true);
console.log(`n=${n} CPU ms per operation (this process): authorize ${(totals.authorize / n).toFixed(2)}, paid message ${(totals.paid / n).toFixed(2)}`);
await t.close?.();
process.exit(0);
