/**
 * CPU time of a service process, for the benchmarks (bench/proc-meter.ts) and the simulator's load
 * report, both through cpu-window.ts: one reader and one window, so both count the same thing.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Sql } from "postgres";

/**
 * On-CPU ms of a process so far (0 when it is gone or /proc is not there): the on-CPU nanoseconds of each
 * of its threads (/proc/<pid>/task/<tid>/schedstat), which unlike utime + stime (/proc/<pid>/stat, 10 ms
 * ticks) is exact enough for a handful of requests. A thread that ended between two readings is not counted.
 */
export function processCpuMs(pid: number): number {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended between the listing and the reading
      }
    }
  } catch {
    return 0;
  }
  return ns / 1e6;
}

/**
 * The PostgreSQL server's backends serving `databases` now (pg_stat_activity; the server on this machine,
 * so /proc has them): a run on PostgreSQL spends part of its CPU there, which the services' own processes do
 * not show. Read by the benchmarks and by the simulator's load report.
 */
export async function postgresBackendPids(sql: Sql, databases: readonly string[]): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = any(${[...databases]})`;
  return rows.map((r) => r.pid);
}
