/**
 * On-demand benchmark (never a test): "my violations across N provinces" through the gateway of a real
 * system (separate processes on loopback, PGlite each). For N = 1, 3, 7 provinces (Chongqing plus N-1
 * others), it starts the system, seeds a demo population, then sends the citizen's query — the
 * platform lists the vehicles' violations, each province's shard fills in its own, and the platform
 * adds eligibility — and reports latency percentiles, throughput and subgraph requests per operation.
 *
 *   npx tsx bench/my-violations.bench.ts [requests=200] [concurrency=8] [sizes=1,3,7]
 */
import { accessTokenFor, gatewayGraphQL, seedSystem, startSystem, tickShards } from "@jg/cluster";
import { generatePopulation, presets } from "@jg/population";
import { countDelta, shardCounts } from "../test/support/metrics";
import { MY_VIOLATIONS } from "../test/support/queries";

const requests = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 8);
const sizes = (process.argv[4] ?? "1,3,7").split(",").map(Number);
const OTHERS = ["51", "52", "44", "42", "43", "61"];

type Answer = { me: { vehicles: { vehicle: { violations: ({ province: { code: string } } | null)[] } }[] } | null };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const rows: string[] = [];
for (const n of sizes) {
  const provinces = OTHERS.slice(0, n - 1);
  const now = new Date();
  const population = generatePopulation(presets.demo({ seed: 12123, now, provinces: ["50", ...provinces] }));
  const started = performance.now();
  const system = await startSystem({ provinces, env: { LOG_LEVEL: "warn" } });
  const startMs = performance.now() - started;
  try {
    await seedSystem(system, population);
    await tickShards(system);
    await new Promise((r) => setTimeout(r, 1500));
    await tickShards(system);
    const token = await accessTokenFor({ kind: "CITIZEN", accountId: population.cast!.citizen }, system.keys);
    const ask = () => gatewayGraphQL<Answer>(system.gatewayUrl, MY_VIOLATIONS, {}, { token });

    const first = await ask();
    if (first.errors) throw new Error(`query failed: ${JSON.stringify(first.errors).slice(0, 300)}`);
    const items = first.data!.me!.vehicles.flatMap((v) => v.vehicle.violations).filter((v) => v !== null);
    const involved = new Set(items.map((v) => v.province.code));
    const before = await shardCounts(system.gatewayUrl);
    await ask();
    const perOperation = countDelta(before, await shardCounts(system.gatewayUrl));

    for (let i = 0; i < 20; i++) await ask();
    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next += 1;
          const t = performance.now();
          const res = await ask();
          latencies.push(performance.now() - t);
          if (res.errors) failed += 1;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const shardRequests = Object.values(perOperation).reduce((a, b) => a + b, 0);
    rows.push(
      [
        n,
        involved.size,
        items.length,
        (requests / seconds).toFixed(1),
        percentile(latencies, 50).toFixed(1),
        percentile(latencies, 95).toFixed(1),
        percentile(latencies, 99).toFixed(1),
        shardRequests,
        failed,
        (startMs / 1000).toFixed(0),
      ].join("\t"),
    );
    console.log(`N=${n}: shard requests per operation ${JSON.stringify(perOperation)}`);
  } finally {
    await system.stop();
  }
}
console.log(`\n${requests} requests, concurrency ${concurrency}, on ${process.platform} with ${(await import("node:os")).cpus().length} cores`);
console.log(["N", "provinces in answer", "violations", "req/s", "p50 ms", "p95 ms", "p99 ms", "shard requests/op", "errors", "start s"].join("\t"));
for (const row of rows) console.log(row);
