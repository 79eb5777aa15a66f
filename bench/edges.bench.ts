/**
 * On-demand benchmark (never a test), issue 13: the README's `me` query (MY_VIOLATIONS: the citizen's
 * violations across provinces with eligibility) through each edge, side by side: our gateway, and Hive
 * Gateway in front of the standalone province router (deploy/hive-gateway). For each edge it starts the
 * system (@jg/cluster, Chongqing + shard 50 and the other provinces given, the host layout), seeds it,
 * warms up, then interleaves `--rounds` rounds of `--sequential` requests one at a time (latency p50/p99)
 * and measures the on-CPU time of the edge's processes per request (/proc schedstat of every thread:
 * the gateway; Hive Gateway + the standalone router) and of the whole system. The two systems run one after
 * the other (2-core machine), never at once. Prints a Markdown table; results as JSON to `--out`.
 *
 *   npx tsx bench/edges.bench.ts [--provinces=51,52] [--sequential=100] [--warmup=30] [--out=bench/results/edges.json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname } from "node:path";
import { accessTokenFor, seedSystem, startSystem, tickShards, type Edge, type RunningSystem } from "@jg/cluster";
import type { Identity } from "@jg/identity";
import { generatePopulation, presets } from "@jg/population";
import { Agent, request } from "undici";
import { MY_VIOLATIONS } from "../test/support/queries";
import { cpuMs } from "./proc-meter";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"];
  }),
);
const provinces = (args.provinces ?? "51,52").split(",");
const sequential = Number(args.sequential ?? 100);
const warmup = Number(args.warmup ?? 30);
const out = args.out ?? "bench/results/edges.json";
const agent = new Agent({ connections: 4, keepAliveTimeout: 30_000 });

const EDGE_PROCESSES: Record<Edge, string[]> = { gateway: ["gateway"], "hive-gateway": ["hive-gateway", "province-router"] };

interface EdgeResult {
  edge: Edge;
  p50Ms: number;
  p99Ms: number;
  edgeCpuMsPerRequest: number;
  systemCpuMsPerRequest: number;
  requests: number;
  errors: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(edge: Edge): Promise<EdgeResult> {
  const now = new Date();
  const population = generatePopulation(presets.demo({ seed: 12123, now, provinces: ["50", ...provinces] }));
  const system: RunningSystem = await startSystem({ provinces, edge, env: { LOG_LEVEL: "warn" }, startTimeoutMs: 180_000 });
  try {
    await seedSystem(system, population);
    await tickShards(system);
    const citizen: Identity = { kind: "CITIZEN", accountId: population.cast!.citizen };
    const token = await accessTokenFor(citizen, system.keys);
    const once = async () => {
      const t0 = performance.now();
      const res = await request(`${system.gatewayUrl}/graphql`, {
        method: "POST",
        dispatcher: agent,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MY_VIOLATIONS }),
      });
      const body = (await res.body.json()) as { errors?: unknown[] };
      return { ms: performance.now() - t0, ok: res.statusCode === 200 && !body.errors };
    };
    for (let i = 0; i < warmup; i++) await once();
    const pids = (names: string[]) => names.map((n) => system.processes.get(n)?.pid).filter((p): p is number => p !== undefined);
    const edgePids = pids(EDGE_PROCESSES[edge]);
    const allPids = pids([...system.processes.keys()]);
    const cpu = (list: number[]) => list.reduce((sum, pid) => sum + cpuMs(pid), 0);
    const edgeBefore = cpu(edgePids);
    const allBefore = cpu(allPids);
    const times: number[] = [];
    let errors = 0;
    for (let i = 0; i < sequential; i++) {
      const r = await once();
      times.push(r.ms);
      if (!r.ok) errors++;
    }
    const edgeCpu = cpu(edgePids) - edgeBefore;
    const allCpu = cpu(allPids) - allBefore;
    times.sort((a, b) => a - b);
    return {
      edge,
      p50Ms: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
      edgeCpuMsPerRequest: edgeCpu / sequential,
      systemCpuMsPerRequest: allCpu / sequential,
      requests: sequential,
      errors,
    };
  } finally {
    await system.stop();
  }
}

const load = loadavg().map((l) => l.toFixed(2)).join(" ");
const results: EdgeResult[] = [];
for (const edge of ["gateway", "hive-gateway"] as Edge[]) results.push(await measure(edge));
await agent.close();
const loadAfter = loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`\n\`me\` query (MY_VIOLATIONS), provinces 50,${provinces.join(",")}, ${sequential} sequential requests per edge; load average before ${load}, after ${loadAfter}\n`);
console.log("| edge | p50 ms | p99 ms | edge CPU ms / request | whole system CPU ms / request | errors |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of results) {
  const name = r.edge === "gateway" ? "our gateway" : "Hive Gateway 2.15.1 + standalone router";
  console.log(`| ${name} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.edgeCpuMsPerRequest.toFixed(2)} | ${r.systemCpuMsPerRequest.toFixed(2)} | ${r.errors} |`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), provinces, sequential, loadBefore: load, loadAfter, results }, null, 2));
