/**
 * Throughput of one province shard over loopback HTTP (the closing figure of issue #3):
 * `violation(id)` and `_entities` of 100 Violation keys, in requests per second and SQL statements per
 * request (from the database's query counter), and CPU ms per request of this process (the shard, its
 * PGlite and the client: process.cpuUsage over the scenario; fairly robust to other load on the
 * machine, unlike req/s). Run on demand, never as a test:
 *
 *   npx tsx bench/province-shard.bench.ts                      # PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx bench/province-shard.bench.ts
 *
 * Options (environment): BENCH_VIOLATIONS (rows seeded, default 5000), BENCH_SECONDS (per scenario,
 * default 10), BENCH_CONCURRENCY (requests in flight, default 16).
 */
import { generateKeySet, KeyDirectory, serviceKeysOf, signerOf, signIdentity } from "@jg/identity";
import { createProvinceShard, seedViolations } from "@jg/province-service";
import { VirtualClock } from "@jg/service-kit";
import { pino } from "pino";
import { Pool } from "undici";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const N = Number(process.env.BENCH_VIOLATIONS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const KEYS = generateKeySet([
  { service: "gateway", roles: ["edge"] },
  { service: "province-51", roles: ["province"], province: "51" },
]);

// A frozen clock: business time stands still, so the signed identity (60 s TTL) never expires mid-run.
const clock = new VirtualClock("2026-03-10T02:00:00.000Z");
const shard = await createProvinceShard(
  {
    provinceCode: "51",
    databaseUrl: process.env.DATABASE_URL,
    homePlatformUrl: "http://127.0.0.1:9",
    keys: serviceKeysOf(KEYS, "province-51", new KeyDirectory(KEYS.directory)),
    sweepIntervalMs: 0,
    relayIntervalMs: 0,
    checkViewerAccess: false,
    logLevel: "silent",
  },
  { clock, logger: pino({ level: "silent" }) },
);
const at = new Date(clock.now().getTime() - 86_400_000);
const ids: string[] = [];
for (let done = 0; done < N; done += 1000) {
  const rows = await seedViolations(shard.db, "51", { count: Math.min(1000, N - done), occurredAt: at, recordedAt: at });
  ids.push(...rows.map((r) => r.id));
}
const identity = await signIdentity({ kind: "OFFICER", officerId: "bench", provinceCode: "51" }, { signer: signerOf(KEYS, "gateway"), now: clock.now() });
const pool = new Pool(shard.url, { connections: CONCURRENCY, pipelining: 1 });
const pick = () => ids[Math.floor(Math.random() * ids.length)]!;

const FIELDS = "id plate code fineYuan points status occurredAt";
const scenarios: { name: string; body: () => string }[] = [
  { name: "violation(id)", body: () => JSON.stringify({ query: `query V($id: ID!) { violation(id: $id) { ${FIELDS} } }`, variables: { id: pick() } }) },
  {
    name: "_entities × 100 Violation keys",
    body: () =>
      JSON.stringify({
        query: `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Violation { ${FIELDS} } } }`,
        variables: { r: Array.from({ length: 100 }, () => ({ __typename: "Violation", id: pick() })) },
      }),
  },
];

async function send(body: string): Promise<void> {
  const res = await pool.request({
    path: "/graphql",
    method: "POST",
    headers: { "content-type": "application/json", "x-jg-identity": identity },
    body,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`bad answer ${res.statusCode}: ${text.slice(0, 200)}`);
}

console.log(`province shard 51 on ${shard.database.engine}, ${ids.length} violations, ${CONCURRENCY} in flight, ${SECONDS} s per scenario`);
for (const scenario of scenarios) {
  for (let i = 0; i < 50; i += 1) await send(scenario.body()); // warm-up (JIT, prepared statements)
  shard.database.queries.reset();
  let requests = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await send(scenario.body());
        latencies.push(performance.now() - t0);
        requests += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(
    `${scenario.name.padEnd(32)} ${(requests / elapsed).toFixed(0).padStart(6)} req/s   ` +
      `${((cpu.user + cpu.system) / 1000 / requests).toFixed(3)} CPU ms/req   ${(shard.database.queries.count / requests).toFixed(2)} SQL/req   p50 ${p(0.5)} ms   p99 ${p(0.99)} ms   (${requests} requests)`,
  );
}
await pool.close();
await shard.close();
