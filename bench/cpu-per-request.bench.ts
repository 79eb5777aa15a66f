/**
 * On-demand benchmark (never a test), issue #11: the CPU cost of the citizen's cross-province query.
 * Starts the system as `npm start` does (@jg/cluster startSystem + seedSystem: the gateway, Chongqing =
 * platform + shard 50, and N-1 other provinces, each its own process), on PGlite and/or PostgreSQL, and
 * for each N sends the README's `me { … vehicles { vehicle { violations { … eligibility { … } } } } }`
 * query for the demo cast citizen, whose violations lie in every province of the run. It reports:
 * - CPU per query of each process (on-CPU time of its threads from /proc, before/after the loaded run),
 *   and of the PostgreSQL backends serving this run's databases (pg_stat_activity → /proc);
 * - SQL statements per query per service (each service's `/metrics`, `jg_sql_statements_total`);
 * - RSS of each process after the run; throughput with `--concurrency` in flight; sequential p50/p99;
 * - the handle + pay journey (two mutations through the gateway on eligible violations): CPU and SQL
 *   statements per journey per service;
 * - idle (`--idle` seconds, default 10, before the loaded run): CPU ms per second of each process and of
 *   the PostgreSQL backends, SQL statements per second; and PostgreSQL's own counters per database
 *   (pg_stat_database: transactions, rows returned by scans, rows fetched by index) idle and per query.
 * The machine may be shared: CPU per query from /proc counts only this system's processes, so it is
 * fairly robust to other load; throughput and latency are not. Results go to JSON (`--out`).
 * With JG_CPU_PROF_WINDOW_DIR=<dir>, every service writes a CPU profile of the loaded run there
 * (summarise with bench/cpuprofile-summary.ts).
 *
 *   npx tsx bench/cpu-per-request.bench.ts [--sizes=1,3,7] [--db=pglite,postgres] [--requests=300]
 *     [--concurrency=16] [--sequential=100] [--journeys=8] [--idle=10] [--out=bench/results/cpu-per-request.json]
 *     [--pg=postgres://postgres@127.0.0.1:5432/postgres] [--layout=host|process]
 * Processes are measured as the OS sees them: in the host layout (the default, as `npm start`) the other
 * provinces share `shard-host-N` processes, each row then being a host serving several provinces.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname } from "node:path";
import { accessTokenFor, seedSystem, startSystem, systemCpuWindow, tickShards } from "@jg/cluster";
import { generatePopulation, presets } from "@jg/population";
import postgres from "postgres";
import { Agent, request } from "undici";
import { HANDLE, MY_VIOLATIONS, PAY } from "../test/support/queries";
import { journeyCandidates } from "./cpu-journey";
import { idleWindow, pgCounters } from "./cpu-sampling";
import { percentile, perUnit, processes, round, rssMb, sqlCounts, subtract, total } from "./proc-meter";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"];
  }),
);
const sizes = (args.sizes ?? "1,3,7").split(",").map(Number);
const engines = (args.db ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[];
const requests = Number(args.requests ?? 300);
const concurrency = Number(args.concurrency ?? 16);
const sequential = Number(args.sequential ?? 100);
const journeys = Number(args.journeys ?? 8);
const out = args.out ?? "bench/results/cpu-per-request.json";
const pgAdmin = args.pg ?? process.env.DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const label = args.label ?? "";
const idleSeconds = Number(args.idle ?? 10);
const OTHERS = ["51", "52", "44", "42", "43", "61"];

const agent = new Agent({ connections: concurrency * 2, keepAliveTimeout: 30_000 });

type GraphQLAnswer<T> = { data?: T; errors?: unknown[] };
async function post<T>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLAnswer<T>> {
  const res = await request(`${url}/graphql`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.body.json()) as GraphQLAnswer<T>;
}

type Violations = { me: { vehicles: { vehicle: { violations: ({ id: string; province: { code: string }; eligibility: { allowed: boolean } } | null)[] } }[] } | null };

interface Result {
  engine: string;
  n: number;
  provincesInAnswer: number;
  violations: number;
  requests: number;
  concurrency: number;
  cpuMsPerQuery: Record<string, number>;
  cpuMsPerQueryTotal: number;
  sqlPerQuery: Record<string, number>;
  pgPerQuery: Record<string, number>;
  idle: { seconds: number; cpuMsPerSecond: Record<string, number>; sqlPerSecond: Record<string, number>; pgPerSecond: Record<string, number> };
  rssMb: Record<string, number>;
  throughputPerS: number;
  errors: number;
  firstError?: string;
  sequentialP50Ms: number;
  sequentialP99Ms: number;
  journeys?: { done: number; attempted: number; cpuMsPerJourney: Record<string, number>; cpuMsPerJourneyTotal: number; sqlPerJourney: Record<string, number> };
}

async function runOne(engine: "pglite" | "postgres", n: number): Promise<Result> {
  const provinces = OTHERS.slice(0, n - 1);
  const population = generatePopulation(presets.demo({ seed: 12123, now: new Date(), provinces: ["50", ...provinces] }));
  const system = await startSystem({
    provinces,
    ...(engine === "postgres" ? { postgresAdminUrl: pgAdmin } : {}),
    ...(args.layout ? { layout: args.layout as "host" | "process" } : {}),
    env: { LOG_LEVEL: "warn" },
    startTimeoutMs: 180_000,
  });
  const pg = engine === "postgres" ? postgres(pgAdmin, { max: 1, onnotice: () => {} }) : undefined;
  try {
    const seeded = await seedSystem(system, population);
    await tickShards(system);
    await new Promise((r) => setTimeout(r, 1500));
    await tickShards(system);
    const token = await accessTokenFor({ kind: "CITIZEN", accountId: population.cast!.citizen }, system.keys);
    const ask = () => post<Violations>(system.gatewayUrl, MY_VIOLATIONS, {}, token);
    const first = await ask();
    if (first.errors) throw new Error(`query failed: ${JSON.stringify(first.errors).slice(0, 300)}`);
    const items = first.data!.me!.vehicles.flatMap((v) => v.vehicle.violations).filter((v) => v !== null);
    for (let i = 0; i < 30; i++) await ask();

    // Idle: what the system costs with no request at all (relay polls, sweepers), per second.
    const idle = await idleWindow(system, pg, agent, idleSeconds);

    // Loaded run: `concurrency` in flight (profiled when JG_CPU_PROF_WINDOW_DIR is set: SIGUSR2 starts and stops).
    const profiling = Boolean(process.env.JG_CPU_PROF_WINDOW_DIR);
    const signalAll = () => {
      for (const p of system.processes.values()) if (p.pid) process.kill(p.pid, "SIGUSR2");
    };
    if (profiling) signalAll();
    const sql0 = await sqlCounts(system, agent);
    const pg0 = await pgCounters(system, pg);
    const cpu = await systemCpuWindow(system, { pg });
    let next = 0;
    let errors = 0;
    let firstError: string | undefined;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next += 1;
          const res = await ask();
          if (res.errors) {
            errors += 1;
            firstError ??= JSON.stringify(res.errors[0]).slice(0, 300);
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpuUsed = await cpu();
    const sql1 = await sqlCounts(system, agent);
    const pg1 = await pgCounters(system, pg);
    if (profiling) signalAll();
    const cpuPerQuery = perUnit(cpuUsed, requests);

    // Sequential latency.
    const latencies: number[] = [];
    for (let i = 0; i < sequential; i++) {
      const t = performance.now();
      const res = await ask();
      latencies.push(performance.now() - t);
      if (res.errors) errors += 1;
    }
    latencies.sort((a, b) => a - b);
    const rss: Record<string, number> = {};
    for (const [name, pids] of await processes(system, pg)) rss[name] = round(pids.reduce((s, pid) => s + rssMb(pid), 0), 0);

    const result: Result = {
      engine,
      n,
      provincesInAnswer: new Set(items.map((v) => v.province.code)).size,
      violations: items.length,
      requests,
      concurrency,
      cpuMsPerQuery: cpuPerQuery,
      cpuMsPerQueryTotal: total(cpuPerQuery),
      sqlPerQuery: subtract(sql1, sql0, requests),
      pgPerQuery: subtract(pg1, pg0, requests),
      idle,
      rssMb: rss,
      throughputPerS: round(requests / seconds, 1),
      errors,
      ...(firstError ? { firstError } : {}),
      sequentialP50Ms: round(percentile(latencies, 50), 1),
      sequentialP99Ms: round(percentile(latencies, 99), 1),
    };

    // The handle + pay journey, one eligible violation per owner.
    if (journeys > 0) {
      const candidates = journeyCandidates(population, seeded.violationIds).slice(0, journeys);
      const tokens = await Promise.all(candidates.map((c) => accessTokenFor(c.identity, system.keys)));
      const jsql0 = await sqlCounts(system, agent);
      const jcpu = await systemCpuWindow(system, { pg });
      let done = 0;
      for (const [i, c] of candidates.entries()) {
        const handled = await post<{ handleViolation: { ok: boolean } }>(system.gatewayUrl, HANDLE, { id: c.id, key: `bench-h-${i}` }, tokens[i]!);
        if (!handled.data?.handleViolation.ok) continue;
        const paid = await post<{ payFine: { ok: boolean } }>(system.gatewayUrl, PAY, { id: c.id, key: `bench-p-${i}` }, tokens[i]!);
        if (paid.data?.payFine.ok) done += 1;
      }
      const jcpuUsed = await jcpu();
      const jsql1 = await sqlCounts(system, agent);
      if (done > 0) {
        const per = perUnit(jcpuUsed, done);
        result.journeys = { done, attempted: candidates.length, cpuMsPerJourney: per, cpuMsPerJourneyTotal: total(per), sqlPerJourney: subtract(jsql1, jsql0, done) };
      } else {
        result.journeys = { done, attempted: candidates.length, cpuMsPerJourney: {}, cpuMsPerJourneyTotal: NaN, sqlPerJourney: {} };
      }
    }
    return result;
  } finally {
    await pg?.end();
    await system.stop();
  }
}

const results: Result[] = [];
for (const engine of engines) {
  for (const n of sizes) {
    const r = await runOne(engine, n);
    results.push(r);
    console.log(JSON.stringify(r));
  }
}
await agent.close();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ label, at: new Date().toISOString(), cores: cpus().length, results }, null, 2)}\n`);

const others = (r: Result) => Object.entries(r.cpuMsPerQuery).filter(([k]) => k.startsWith("province-") || k.startsWith("shard-host-")).map(([, v]) => v);
console.log(`\n${requests} requests, ${concurrency} in flight, ${sequential} sequential; ${cpus().length} cores; CPU ms per query`);
console.log(["db", "N", "viol.", "gateway", "chongqing", "other shards (per process)", "postgresql", "total", "q/s", "p50", "p99", "SQL/query (chongqing)", "journey CPU ms", "errors"].join("\t"));
for (const r of results) {
  const o = others(r);
  console.log(
    [
      r.engine,
      r.n,
      r.violations,
      r.cpuMsPerQuery.gateway,
      r.cpuMsPerQuery.chongqing,
      o.length ? `${Math.min(...o)}–${Math.max(...o)}` : "–",
      r.cpuMsPerQuery.postgresql ?? "–",
      r.cpuMsPerQueryTotal,
      r.throughputPerS,
      r.sequentialP50Ms,
      r.sequentialP99Ms,
      JSON.stringify(Object.fromEntries(Object.entries(r.sqlPerQuery).filter(([k]) => k.startsWith("chongqing")))),
      r.journeys?.cpuMsPerJourneyTotal ?? "–",
      r.errors,
    ].join("\t"),
  );
}
