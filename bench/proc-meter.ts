/**
 * What the benchmarks read of a running system's processes: on-CPU time (@jg/cluster's meter, the
 * simulator's too) and RSS from /proc, the processes of a run (PostgreSQL backends included), and each
 * service's SQL statement counts from its `/metrics`. Shared by cpu-per-request, edges and footprint.
 */
import { readFileSync } from "node:fs";
import { postgresBackendPids, processCpuMs, servicePids, type RunningSystem } from "@jg/cluster";
import type postgres from "postgres";
import type { Dispatcher } from "undici";
import { request } from "undici";

/** CPU time of a process in ms (0 when it is gone): @jg/cluster's reader, the simulator's too. */
export const cpuMs = processCpuMs;

/** Resident set size of a process in MB (0 when it is gone). */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The processes of this run: each OS process ("shard-host-1" once for all the provinces it serves, not
 * once per province), and (PostgreSQL) each backend serving its databases.
 */
export async function processes(system: RunningSystem, pg: postgres.Sql | undefined): Promise<Map<string, number[]>> {
  const map = new Map<string, number[]>();
  for (const [name, pid] of servicePids(system)) map.set(name, [pid]);
  if (pg) {
    map.set("postgresql", await postgresBackendPids(pg, system.databases));
  }
  return map;
}

/** Per-key `r[k] / per`, rounded: CPU ms of a window per request, per journey or per second. */
export const perUnit = (r: Record<string, number>, per: number) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v / per)]));

/** Where a process's SQL counts are read: a shard host counts every province it serves, on any of their ports. */
function metricsUrl(system: RunningSystem, name: string): string | undefined {
  if (name === "chongqing") return `${system.platformUrl}/metrics`;
  if (name.startsWith("province-")) return `${system.shards[name.slice("province-".length)]}/metrics`;
  const pid = system.processes.get(name)?.pid;
  const hosted = [...system.services].find(([n, s]) => n.startsWith("province-") && pid !== undefined && s.pid === pid)?.[0];
  return hosted ? `${system.shards[hosted.slice("province-".length)]}/metrics` : undefined;
}

/** SQL statements sent so far, per process and database ("chongqing/platform", "chongqing/province", "shard-host-1/province", …). */
export async function sqlCounts(system: RunningSystem, dispatcher: Dispatcher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of system.processes.keys()) {
    const url = metricsUrl(system, name);
    if (!url) continue;
    const res = await request(url, { dispatcher });
    const text = await res.body.text();
    for (const m of text.matchAll(/^jg_sql_statements_total\{database="([^"]+)"\} (\d+)/gm)) counts[`${name}/${m[1]}`] = Number(m[2]);
  }
  return counts;
}

/** Figures: `x` to `digits` places; per-key (a − b) / per; the sum of a record; the p-th percentile of sorted values. */
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
export const subtract = (a: Record<string, number>, b: Record<string, number>, per: number) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, round((v - (b[k] ?? 0)) / per)]));
export const total = (r: Record<string, number>) => round(Object.values(r).reduce((a, b) => a + b, 0));
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Memory of the PostgreSQL backends serving a run's databases (pg_stat_activity → /proc/<pid>/smaps_rollup):
 * how many, the sum of their RSS (which counts the shared buffers each touched, so overcounts) and of
 * their private memory (Private_Clean + Private_Dirty: what each backend holds of its own) and PSS.
 */
export async function postgresBackendMemory(pg: postgres.Sql, databases: string[]): Promise<{ backends: number; rssMb: number; privateMb: number; pssMb: number }> {
  const pids = await postgresBackendPids(pg, databases);
  let rss = 0;
  let priv = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
      rss += kb("Rss");
      priv += kb("Private_Clean") + kb("Private_Dirty");
      pss += kb("Pss");
    } catch {
      // the backend ended, or runs on another machine
    }
  }
  return { backends: pids.length, rssMb: round(rss / 1024, 1), privateMb: round(priv / 1024, 1), pssMb: round(pss / 1024, 1) };
}
