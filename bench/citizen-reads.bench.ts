/**
 * CPU of the home platform per "my violations" (issue 12): the two requests the gateway sends it, one at
 * a time — the listing (`me` with licence, vehicles and their indexed violations) and the eligibility of
 * those violations (`_entities`) — on the platform of the Chongqing tests (PGlite in memory; the caller,
 * this same process, signs and sends over loopback HTTP, so its share is in the figure too). Each driver
 * owns one car with 5 indexed violations. Run on demand, never as a test; for an A/B run it in each checkout:
 *
 *   npx tsx bench/citizen-reads.bench.ts [n=200]
 */
import { cpuUsage } from "node:process";
import { testEngines } from "@jg/service-kit/testing";
import { authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform } from "../subgraphs/chongqing/test/flow";
import { driver, ownCar } from "../subgraphs/chongqing/test/people";
import { violationRepresentation } from "../subgraphs/chongqing/test/violation-representation";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const n = Number(process.argv[2] ?? 200);
const t = await startTestPlatform(testEngines()[0]!, undefined, { webhooks: { relay: false } });
const db = t.database.db;
const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const LIST = `{ me { licence { points reservedPoints } vehicles { vehicle { plate violations { id } } } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Violation { id eligibility { allowed } } } }`;
const totals = { list: 0, eligibility: 0 };
async function one(i: number, count: boolean) {
  const me = await driver(db, `司机${i}`);
  const car = await ownCar(db, me);
  const as = { kind: "CITIZEN" as const, accountId: me.id };
  const reps = [];
  for (let k = 0; k < 5; k++) {
    const req = authorizeRequest(me.id, { plate: car.plate });
    await deliver(t, message("violation.recorded", recordedOf(req)));
    reps.push(violationRepresentation(car.plate, { id: req.violation.id }));
  }
  let c = cpu();
  const listed = await gql(t, as, LIST);
  if (count) totals.list += cpu() - c;
  if (listed.errors) throw new Error(JSON.stringify(listed.errors));
  c = cpu();
  const res = await gql(t, as, ENTITIES, { reps });
  if (count) totals.eligibility += cpu() - c;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}
for (let i = 0; i < 20; i++) await one(i, false);
for (let i = 20; i < 20 + n; i++) await one(i, true);
console.log(`n=${n} CPU ms per request (this process): listing ${(totals.list / n).toFixed(2)}, eligibility ${(totals.eligibility / n).toFixed(2)}`);
await t.close?.();
process.exit(0);
