import { generateKeySet, KeyDirectory, serviceKeysOf, signerOf, signIdentity } from "@jg/identity";
import { createProvinceShard } from "@jg/province-service";
import { VirtualClock } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { pino } from "pino";
process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const KEYS = generateKeySet([{ service: "gateway", roles: ["edge"] }, { service: "province-51", roles: ["province"], province: "51" }]);
const clock = new VirtualClock("2026-03-10T02:00:00.000Z");
const engine = testEngines().find((e) => e.name === "postgres")!;
const shard = await createProvinceShard(
  { provinceCode: "51", databaseUrl: await engine.create(), homePlatformUrl: "http://127.0.0.1:9", keys: serviceKeysOf(KEYS, "province-51", new KeyDirectory(KEYS.directory)), sweepIntervalMs: 0, relayIntervalMs: 0, checkViewerAccess: false, logLevel: "silent", batchOutboxLagLimitMs: 0 },
  { clock, logger: pino({ level: "silent" }) },
);
const identity = await signIdentity({ kind: "CAMERA", systemId: "cam", provinceCode: "51" }, { signer: signerOf(KEYS, "gateway"), now: clock.now() });
const MUTATION = `mutation Batch($p: ProvinceCode!, $r: [ViolationRecordInput!]!) { recordViolations(province: $p, records: $r) { recorded duplicates refused items { outcome refusal { code } } } }`;
const occurredAt = new Date(clock.now().getTime() - 3600_000).toISOString();
let n = 0;
const batch = () => Array.from({ length: 500 }, () => { n += 1; return { sourceRecordKey: `k-${n}`, plate: `渝A${String(n % 100000).padStart(5, "0")}`, plateType: "02", code: "1116", occurredAt, location: "成都市人民南路一段", source: "CAMERA", agencyAreaCode: "510100" }; });
const send = async () => {
  const res = await fetch(`${shard.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-jg-identity": identity }, body: JSON.stringify({ query: MUTATION, variables: { p: "51", r: batch() } }) });
  const j = (await res.json()) as { data?: { recordViolations: { recorded: number } } };
  if (!j.data) throw new Error(JSON.stringify(j).slice(0, 300));
};
for (let i = 0; i < 4; i++) await send();
const N = Number(process.argv[2] ?? 20);
const t0 = performance.now();
shard.database.queries.reset();
for (let i = 0; i < N; i++) await send();
const ms = performance.now() - t0;
console.log(`direct: ${Math.round((N * 500 * 1000) / ms)} records/s, ${(ms / N).toFixed(0)} ms/batch, SQL/batch ${(shard.database.queries.count / N).toFixed(1)}`);
await shard.close();
await engine.cleanup();
