/**
 * CPU of the home platform per "my violations" (issue 12): the two requests the gateway sends it, one at
 * a time — the listing (`me` with licence, vehicles and their indexed violations) and the eligibility of
 * those violations (`_entities`) — on the platform of the Chongqing tests (PGlite in memory; the caller,
 * this same process, signs and sends over loopback HTTP, so its share is in the figure too). Each driver
 * owns one car with 5 indexed violations. Run on demand, never as a test; for an A/B run it in each checkout:
 *
 *   npx tsx bench/citizen-reads.bench.ts [n=200] [keyed|unkeyed|both]
 *
 * `keyed` (the default) sends both requests with one operation key, as the gateway sends a query's
 * requests (`x-jg-operation`: the eligibility request takes the listing's viewer,
 * subgraphs/chongqing/src/accounts/operation-viewers.ts); `unkeyed` sends none, as before issue 12's
 * eighth session; `both` alternates the two per listing and prints both.
 */
import { randomUUID } from "node:crypto";
import { cpuUsage } from "node:process";
import { testEngines } from "@jg/service-kit/testing";
import { authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform } from "../subgraphs/chongqing/test/flow";
import { driver, ownCar } from "../subgraphs/chongqing/test/people";
import { violationRepresentation } from "../subgraphs/chongqing/test/violation-representation";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const n = Number(process.argv[2] ?? 200);
const mode = process.argv[3] ?? "keyed";
if (!["keyed", "unkeyed", "both"].includes(mode)) throw new Error(`the mode is keyed, unkeyed or both, got ${mode}`);
const t = await startTestPlatform(testEngines()[0]!, undefined, { webhooks: { relay: false } });
const db = t.database.db;
const cpu = () => {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
};
const LIST = `{ me { licence { points reservedPoints } vehicles { vehicle { plate violations { id } } } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Violation { id eligibility { allowed } } } }`;
const totals = { keyed: { list: 0, eligibility: 0, n: 0 }, unkeyed: { list: 0, eligibility: 0, n: 0 } };
async function one(i: number, count: boolean) {
  const keyed = mode === "both" ? i % 2 === 0 : mode === "keyed";
  const headers: Record<string, string> = keyed ? { "x-jg-operation": randomUUID() } : {};
  const sums = keyed ? totals.keyed : totals.unkeyed;
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
  const listed = await gql(t, as, LIST, {}, headers);
  if (count) sums.list += cpu() - c;
  if (listed.errors) throw new Error(JSON.stringify(listed.errors));
  c = cpu();
  const res = await gql(t, as, ENTITIES, { reps }, headers);
  if (count) sums.eligibility += cpu() - c;
  if (count) sums.n += 1;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}
for (let i = 0; i < 20; i++) await one(i, false);
for (let i = 20; i < 20 + n; i++) await one(i, true);
for (const [name, s] of Object.entries(totals)) {
  if (s.n > 0) console.log(`${name} n=${s.n} CPU ms per request (this process): listing ${(s.list / s.n).toFixed(2)}, eligibility ${(s.eligibility / s.n).toFixed(2)}`);
}
await t.close?.();
process.exit(0);
