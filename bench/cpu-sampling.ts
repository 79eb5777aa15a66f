/**
 * What bench/cpu-per-request.bench.ts reads beyond the shared /proc and /metrics readers (proc-meter.ts):
 * PostgreSQL's own counters per database (pg_stat_database) and an idle window of the whole system.
 */
import { systemCpuWindow, type RunningSystem } from "@jg/cluster";
import type postgres from "postgres";
import type { Dispatcher } from "undici";
import { perUnit, sqlCounts, subtract } from "./proc-meter";

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

/** Idle for `seconds`: CPU ms per second of each process and the backends, SQL statements and PostgreSQL counters per second. */
export async function idleWindow(system: RunningSystem, pg: postgres.Sql | undefined, agent: Dispatcher, seconds: number) {
  const sql0 = await sqlCounts(system, agent);
  const pg0 = await pgCounters(system, pg);
  const cpu = await systemCpuWindow(system, { pg });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpuUsed = await cpu();
  const pg1 = await pgCounters(system, pg);
  const sql1 = await sqlCounts(system, agent);
  return {
    seconds,
    cpuMsPerSecond: perUnit(cpuUsed, seconds),
    sqlPerSecond: subtract(sql1, sql0, seconds),
    pgPerSecond: subtract(pg1, pg0, seconds),
  };
}
