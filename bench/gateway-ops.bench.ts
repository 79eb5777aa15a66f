/**
 * On-demand benchmark (never a test), issue 12: the gateway's own CPU per client operation, by kind.
 * Starts the system (@jg/cluster, Chongqing + shard 50 and the provinces given, host layout), seeds the
 * demo population, then sends `--rounds` rounds of `--per` requests of each kind, one at a time and
 * interleaved by round (so a noisy moment falls on every kind), and reads the gateway process's on-CPU
 * time (/proc) around each batch. Prints the median and spread of gateway CPU µs per request by kind.
 * Kinds: `{ __typename }` (anonymous), the simulator's listing (platform → provinces → platform), a
 * province lookup by ID (one shard fetch) and a handling replayed by its idempotency key (one shard
 * mutation). Before the rounds, the gateway's CPU at rest over `--idle` seconds (after seeding and a
 * warm-up). `--root=<checkout>` starts another checkout's system (its @jg/cluster and compiled services),
 * so builds can be compared from one script, alternated.
 *
 *   npx tsx bench/gateway-ops.bench.ts [--provinces=51,52,44,42,43,61] [--rounds=8] [--per=40] [--idle=10] [--root=/path/to/checkout] [--log-dir=DIR]
 */
import { loadavg } from "node:os";
import * as localCluster from "@jg/cluster";
import type { Identity } from "@jg/identity";
import { generatePopulation, presets } from "@jg/population";
import { Agent, request } from "undici";
import { cpuMs } from "./proc-meter";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"];
  }),
);
const provinces = (args.provinces ?? "51,52,44,42,43,61").split(",");
const rounds = Number(args.rounds ?? 8);
const per = Number(args.per ?? 40);
const idleSeconds = Number(args.idle ?? 10);
const { accessTokenFor, seedSystem, startSystem, tickShards } = (args.root
  ? await import(`${args.root}/packages/cluster/src/index.ts`)
  : localCluster) as typeof localCluster;
const agent = new Agent({ connections: 2, keepAliveTimeout: 30_000 });

const MINE = `query Mine {
  me { licence { points reservedPoints }
    vehicles { vehicle { plate violations { id status fineYuan points province { code } eligibility { allowed } } } } }
}`;
const VIOLATION = `query V($id: ID!) { violation(id: $id) { id status fineYuan } }`;
const HANDLE = `mutation Handle($id: ID!, $key: String!) {
  handleViolation(id: $id, noticeAccepted: true, idempotencyKey: $key) {
    ok denials { code ruleId } violation { id status } handling { payBy }
  }
}`;

const now = new Date();
const population = generatePopulation(presets.demo({ seed: 12123, now, provinces: ["50", ...provinces] }));
const system = await startSystem({ provinces, env: { LOG_LEVEL: "warn" }, startTimeoutMs: 180_000, ...(args["log-dir"] ? { logDir: args["log-dir"] } : {}) });
try {
  await seedSystem(system, population);
  await tickShards(system);
  const citizen: Identity = { kind: "CITIZEN", accountId: population.cast!.citizen };
  const token = await accessTokenFor(citizen, system.keys);
  const gql = async (query: string, variables: Record<string, unknown> = {}, auth = true) => {
    const res = await request(`${system.gatewayUrl}/graphql`, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.body.json()) as { data?: { me?: { vehicles: { vehicle: { violations: ({ id: string; eligibility: { allowed: boolean } | null } | null)[] } }[] } }; errors?: unknown[] };
    if (res.statusCode !== 200 || body.errors) throw new Error(`request failed: ${res.statusCode} ${JSON.stringify(body.errors)}`);
    return body;
  };
  const listing = await gql(MINE);
  const items = (listing.data?.me?.vehicles ?? []).flatMap((v) => v.vehicle.violations).filter((v) => v !== null);
  const allowed = items.find((v) => v.eligibility?.allowed) ?? items[0]!;
  const kinds: Record<string, () => Promise<unknown>> = {
    typename: () => gql("{ __typename }", {}, false),
    mine: () => gql(MINE),
    violation: () => gql(VIOLATION, { id: items[0]!.id }),
    handleReplay: () => gql(HANDLE, { id: allowed.id, key: "bench-gateway-ops-1" }),
  };
  const gatewayPid = system.processes.get("gateway")!.pid!;
  for (const run of Object.values(kinds)) for (let i = 0; i < 20; i++) await run();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idleBefore = cpuMs(gatewayPid);
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1_000));
  const idleMsPerSecond = (cpuMs(gatewayPid) - idleBefore) / idleSeconds;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const load = loadavg()[0]!.toFixed(1);
  for (let r = 0; r < rounds; r++) {
    for (const [kind, run] of Object.entries(kinds)) {
      const before = cpuMs(gatewayPid);
      for (let i = 0; i < per; i++) await run();
      samples[kind]!.push(((cpuMs(gatewayPid) - before) * 1000) / per);
    }
  }
  console.log(`${args.root ?? "this checkout"}: gateway CPU µs per request, ${rounds} rounds × ${per}, provinces 50,${provinces.join(",")}, load ${load} → ${loadavg()[0]!.toFixed(1)}, ${items.length} listed items`);
  console.log(`idle          ${idleMsPerSecond.toFixed(2)} ms of CPU a second over ${idleSeconds} s`);
  for (const [kind, list] of Object.entries(samples)) {
    const sorted = [...list].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`${kind.padEnd(14)} median ${median.toFixed(0).padStart(5)}  min ${sorted[0]!.toFixed(0).padStart(5)}  max ${sorted.at(-1)!.toFixed(0).padStart(5)}`);
  }
} finally {
  await system.stop();
  await agent.close();
}
