/**
 * Footprint of the whole system (issue 12): for N provinces (Chongqing plus N-1 others) in a given
 * layout and runtime, starts it as `npm start` does, and reports
 * - time to ready (every service healthy) and to seeded (the demo population recorded through the
 *   gateway and the handoff ticked, as `npm start` does);
 * - RSS of every process, empty (right after ready) and seeded, and the total;
 * - idle CPU: CPU seconds each process uses per minute while nobody calls it (timers, relays, sweepers).
 * Run on demand, never as a test. RSS and CPU come from /proc (Linux).
 *
 *   npx tsx bench/footprint.bench.ts                                   # N = 1, 7, 31; host + compiled
 *   npx tsx bench/footprint.bench.ts --n 1,7 --configs before,process/compiled,host/compiled
 *   npx tsx bench/footprint.bench.ts --n 7 --idle 10s --json /tmp/fp.json
 *   npx tsx bench/footprint.bench.ts --n 2 --configs process/compiled --db postgres   # an empty shard on PostgreSQL
 *
 * Flags: --n (list of N, default 1,7,31), --configs (layout/runtime pairs, default host/compiled; or
 * "before": process/tsx with PGlite's shipped memory settings, the system before issue 12), --hosts (shard hosts in the host layout,
 * default one per two cores, at least one), --idle (idle window, default 30s), --json (default
 * bench/results/footprint-<time>.json), --seed (default 12123), --node-args (node options of every
 * service, e.g. "--liftoff-only"; several variants separated by "|", each run in turn for every config
 * and N, "none" for no options: `--node-args "none|--max-semi-space-size=2"`; absent: the launcher's
 * defaults, JG_NODE_ARGS else @jg/cluster's), --db (pglite, postgres or
 * both: "pglite,postgres"; default pglite), --pg (the PostgreSQL server's admin URL for --db postgres,
 * default DATABASE_ADMIN_URL, else postgres://postgres@127.0.0.1:5432/postgres: one database per service
 * is created for the run and dropped after it, as `DATABASE_ADMIN_URL=… npm start` does). On PostgreSQL
 * the server's backends serving the run are reported apart (`postgresEmpty`, `postgresSeeded`: their
 * count, RSS, private memory and PSS), since they are not the services' RSS. A process-per-province run of more than
 * 8 provinces is refused unless --allow-many (on main, 31 tsx processes took about 13 GB).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { seedSystem, startSystem, tickShards, type Layout, type Runtime } from "@jg/cluster";
import { generatePopulation, presets } from "@jg/population";
import { PROVINCES } from "@jg/provinces";
import postgres from "postgres";
import { cpuMs, postgresBackendMemory, rssMb } from "./proc-meter";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const { values } = parseArgs({
  options: {
    n: { type: "string", default: "1,7,31" },
    configs: { type: "string", default: "host/compiled" },
    hosts: { type: "string" },
    idle: { type: "string", default: "30s" },
    json: { type: "string" },
    seed: { type: "string", default: "12123" },
    "allow-many": { type: "boolean", default: false },
    "node-args": { type: "string" },
    db: { type: "string", default: "pglite" },
    pg: { type: "string" },
  },
});

const seconds = (text: string) => {
  const m = /^(\d+)(s|m)?$/.exec(text);
  if (!m) throw new Error(`bad duration ${text}`);
  return Number(m[1]) * (m[2] === "m" ? 60 : 1);
};
const idleSeconds = seconds(values.idle);
type Db = "pglite" | "postgres";
const dbs = values.db.split(",").map((d) => {
  if (d !== "pglite" && d !== "postgres") throw new Error(`--db takes pglite, postgres or both ("pglite,postgres"), got ${JSON.stringify(d)}`);
  return d as Db;
});
const pgAdminUrl = values.pg ?? process.env["DATABASE_ADMIN_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ns = values.n.split(",").map(Number);
/**
 * "before": the system as before issue 12 — a process per province, TypeScript through tsx, PGlite with
 * its shipped settings (shared_buffers 128MB; the shared WASM module makes no difference with one
 * database per process, Chongqing's two aside).
 */
const configs = values.configs.split(",").map((c) => {
  if (c === "before") return { name: c, layout: "process" as Layout, runtime: "tsx" as Runtime, env: { PGLITE_SHARED_BUFFERS: "default" } as Record<string, string> };
  const [layout, runtime] = c.split("/") as [Layout, Runtime];
  if (!["host", "process"].includes(layout) || !["compiled", "tsx"].includes(runtime)) throw new Error(`bad config ${c} (before, or layout/runtime)`);
  return { name: c, layout, runtime, env: {} as Record<string, string> };
});
/** npm start's six provinces first, then the rest of the catalogue: N = 7 is npm start's system. */
const DEFAULT_SIX = ["51", "52", "42", "43", "61", "44"];
const order = [...DEFAULT_SIX, ...PROVINCES.map((p) => p.code).filter((c) => c !== "50" && !DEFAULT_SIX.includes(c))];

/** On-CPU seconds of a process: proc-meter's reader (every thread's schedstat), as the other benches. */
const cpuSeconds = (pid: number) => cpuMs(pid) / 1000;

type BackendMemory = Awaited<ReturnType<typeof postgresBackendMemory>>;
interface Row {
  config: string;
  db: Db;
  nodeArgs: string;
  n: number;
  layout: Layout;
  runtime: Runtime;
  processes: number;
  readyS: number;
  seededS: number;
  violationsRecorded: number;
  rssEmptyMb: Record<string, number>;
  rssSeededMb: Record<string, number>;
  totalEmptyMb: number;
  totalSeededMb: number;
  idleCpuSecondsPerMinute: Record<string, number>;
  totalIdleCpuSecondsPerMinute: number;
  /** PostgreSQL only: the server's backends serving this run, right after ready and after seeding. */
  postgresEmpty?: BackendMemory;
  postgresSeeded?: BackendMemory;
}

/** Node option variants; undefined: the launcher's defaults (JG_NODE_ARGS, else @jg/cluster's). */
const variants: (string | undefined)[] = values["node-args"] === undefined ? [undefined] : values["node-args"].split("|").map((v) => (v.trim() === "none" ? "" : v.trim()));
const rows: Row[] = [];
for (const { name, layout, runtime, env } of configs) {
  for (const n of ns) for (const variant of variants) for (const db of dbs) {
    const provinces = order.slice(0, Math.max(0, n - 1));
    if (layout === "process" && n > 8 && !values["allow-many"]) {
      console.log(`skip N=${n} ${name}: more than 8 processes (--allow-many)`);
      continue;
    }
    const population = generatePopulation(presets.demo({ seed: Number(values.seed), now: new Date(), provinces: ["50", ...provinces] }));
    const t0 = performance.now();
    const system = await startSystem({
      provinces,
      layout,
      runtime,
      ...(values.hosts ? { shardHosts: Number(values.hosts) } : {}),
      ...(variant === undefined ? {} : { nodeArgs: variant.split(" ").filter(Boolean) }),
      ...(db === "postgres" ? { postgresAdminUrl: pgAdminUrl } : {}),
      env: { LOG_LEVEL: "warn", ...env },
      startTimeoutMs: 300_000,
    });
    const pg = db === "postgres" ? postgres(pgAdminUrl, { max: 1, onnotice: () => {} }) : undefined;
    try {
      const readyS = (performance.now() - t0) / 1000;
      const pids = Object.fromEntries([...system.processes].map(([name, p]) => [name, p.pid!]));
      const rssEmptyMb = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, Math.round(rssMb(pid))]));
      const postgresEmpty = pg ? await postgresBackendMemory(pg, system.databases) : undefined;
      const seeded = await seedSystem(system, population);
      await tickShards(system);
      const seededS = (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 3_000)); // let the handoff settle before the idle window
      const cpu0 = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
      await new Promise((r) => setTimeout(r, idleSeconds * 1000));
      const idle = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, +(((cpuSeconds(pid) - cpu0[name]!) * 60) / idleSeconds).toFixed(2)]));
      const rssSeededMb = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, Math.round(rssMb(pid))]));
      const postgresSeeded = pg ? await postgresBackendMemory(pg, system.databases) : undefined;
      const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      const row: Row = {
        config: name,
        db,
        nodeArgs: variant ?? "default",
        n,
        layout,
        runtime,
        processes: Object.keys(pids).length,
        readyS: +readyS.toFixed(1),
        seededS: +seededS.toFixed(1),
        violationsRecorded: seeded.violationsRecorded,
        rssEmptyMb,
        rssSeededMb,
        totalEmptyMb: sum(rssEmptyMb),
        totalSeededMb: sum(rssSeededMb),
        idleCpuSecondsPerMinute: idle,
        totalIdleCpuSecondsPerMinute: +sum(idle).toFixed(2),
        ...(postgresEmpty ? { postgresEmpty, postgresSeeded } : {}),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    } finally {
      await system.stop();
      await pg?.end();
    }
  }
}

/** The provinces' processes' RSS: each one when there are at most 4 (shard hosts), else the median (of the middle two when even) and the range. */
const perProcess = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length <= 4) return s.join(", ");
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
  return `${median} (median, ${s[0]}–${s.at(-1)})`;
};
console.log("\n| N | config | db | node options | processes | ready s | seeded s | gateway MB | Chongqing MB | province MB (each process; median past 4) | total MB empty | total MB seeded | idle CPU s/min | PostgreSQL backends: n, private MB empty / seeded |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const others = Object.entries(r.rssSeededMb).filter(([k]) => k.startsWith("province-") || k.startsWith("shard-host-")).map(([, v]) => v);
  console.log(
    `| ${r.n} | ${r.config} | ${r.db} | ${r.nodeArgs || "–"} | ${r.processes} | ${r.readyS} | ${r.seededS} | ${r.rssSeededMb["gateway"]} | ${r.rssSeededMb["chongqing"]} | ${others.length ? perProcess(others) : "–"} | ${r.totalEmptyMb} | ${r.totalSeededMb} | ${r.totalIdleCpuSecondsPerMinute} | ${r.postgresEmpty ? `${r.postgresSeeded!.backends}, ${r.postgresEmpty.privateMb} / ${r.postgresSeeded!.privateMb}` : "–"} |`,
  );
}
const out = values.json ?? join(dirname(fileURLToPath(import.meta.url)), "results", `footprint-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), idleSeconds, rows }, null, 2));
console.log(`\nwritten ${out}`);
