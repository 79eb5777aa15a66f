/**
 * What bench/cpu-per-request.bench.ts reads of a running system: CPU time and RSS of each process and
 * of the PostgreSQL backends serving its databases (/proc), SQL statements per service (`/metrics`), and
 * PostgreSQL's own counters per database (pg_stat_database).
 */
import { readdirSync, readFileSync } from "node:fs";
import type { RunningSystem } from "@jg/cluster";
import type postgres from "postgres";
import { request, type Dispatcher } from "undici";

/**
 * CPU time of a process in ms (0 when it is gone): the on-CPU nanoseconds of each of its threads
 * (/proc/<pid>/task/<tid>/schedstat), which unlike utime + stime (/proc/<pid>/stat, 10 ms ticks) is
 * exact enough for a handful of journeys. A thread that ended between two readings is not counted.
 */
function cpuMs(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended
      }
    }
    return ns / 1e6;
  } catch {
    return 0;
  }
}

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
  for (const [name, p] of system.processes) if (p.pid) map.set(name, [p.pid]);
  if (pg) {
    const rows = await pg<{ pid: number }[]>`select pid from pg_stat_activity where datname = any(${system.databases})`;
    map.set("postgresql", rows.map((r) => r.pid));
  }
  return map;
}

export async function cpuSnapshot(system: RunningSystem, pg: postgres.Sql | undefined): Promise<Map<string, Map<number, number>>> {
  const snap = new Map<string, Map<number, number>>();
  for (const [name, pids] of await processes(system, pg)) snap.set(name, new Map(pids.map((pid) => [pid, cpuMs(pid)])));
  return snap;
}

/** CPU ms per process group between two snapshots (a backend new in `after` counts whole). */
export function cpuDelta(before: Map<string, Map<number, number>>, after: Map<string, Map<number, number>>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, pids] of after) {
    let sum = 0;
    for (const [pid, ms] of pids) sum += ms - (before.get(name)?.get(pid) ?? 0);
    delta[name] = sum;
  }
  return delta;
}

/** Where a process's SQL counts are read: a shard host counts every province it serves, on any of their ports. */
function metricsUrl(system: RunningSystem, name: string): string | undefined {
  if (name === "chongqing") return `${system.platformUrl}/metrics`;
  if (name.startsWith("province-")) return `${system.shards[name.slice("province-".length)]}/metrics`;
  const pid = system.processes.get(name)?.pid;
  const hosted = [...system.services].find(([n, s]) => n.startsWith("province-") && pid !== undefined && s.pid === pid)?.[0];
  return hosted ? `${system.shards[hosted.slice("province-".length)]}/metrics` : undefined;
}

/** SQL statements sent so far, per process and database ("chongqing/platform", "chongqing/province", "shard-host-1/province", …). */
export async function sqlCounts(system: RunningSystem, agent: Dispatcher): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of system.processes.keys()) {
    const url = metricsUrl(system, name);
    if (!url) continue;
    const res = await request(url, { dispatcher: agent });
    const text = await res.body.text();
    for (const m of text.matchAll(/^jg_sql_statements_total\{database="([^"]+)"\} (\d+)/gm)) counts[`${name}/${m[1]}`] = Number(m[2]);
  }
  return counts;
}

/** PostgreSQL's own counters per database of this run (pg_stat_database): transactions, rows scanned, rows fetched by index. */
export async function pgCounters(system: RunningSystem, pg: postgres.Sql | undefined): Promise<Record<string, number>> {
  if (!pg) return {};
  const rows = await pg<{ datname: string; xact: string; returned: string; fetched: string }[]>`
    select datname, xact_commit + xact_rollback as xact, tup_returned as returned, tup_fetched as fetched
    from pg_stat_database where datname = any(${system.databases})`;
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const db = r.datname.replace(/^jg_[^_]+_/, "");
    counts[`${db}/xact`] = Number(r.xact);
    counts[`${db}/returned`] = Number(r.returned);
    counts[`${db}/fetched`] = Number(r.fetched);
  }
  return counts;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `a - b` per key, divided by `per`. */
export const subtract = (a: Record<string, number>, b: Record<string, number>, per: number) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, round((v - (b[k] ?? 0)) / per)]));

/** Idle for `seconds`: CPU ms per second of each process and the backends, SQL statements and PostgreSQL counters per second. */
export async function idleWindow(system: RunningSystem, pg: postgres.Sql | undefined, agent: Dispatcher, seconds: number) {
  const sql0 = await sqlCounts(system, agent);
  const pg0 = await pgCounters(system, pg);
  const cpu0 = await cpuSnapshot(system, pg);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu1 = await cpuSnapshot(system, pg);
  const pg1 = await pgCounters(system, pg);
  const sql1 = await sqlCounts(system, agent);
  return {
    seconds,
    cpuMsPerSecond: Object.fromEntries(Object.entries(cpuDelta(cpu0, cpu1)).map(([k, v]) => [k, round(v / seconds)])),
    sqlPerSecond: subtract(sql1, sql0, seconds),
    pgPerSecond: subtract(pg1, pg0, seconds),
  };
}
