/**
 * CPU time the processes of a run spend over a window (the load's): the simulator's own process and
 * every service process (`RunningSystem.processes`: Chongqing, the gateway, the shard hosts or one
 * process per province), from the on-CPU nanoseconds of each thread in /proc (@jg/cluster's
 * `processCpuMs`, the benchmarks' reader too). Linux only: elsewhere, or for a process gone meanwhile, a process counts 0.
 * On PostgreSQL (`--postgres`) the server's backends serving the run's databases count too
 * (`postgresCpuWindow`), as "postgresql": the load's CPU per journey then includes the database's.
 */
import { postgresBackendPids, processCpuMs } from "@jg/cluster";
import postgres from "postgres";

/**
 * Starts a window over `pids` (name → pid); the function returned ends it: CPU ms per name since the start.
 * The measuring process itself (`self`, default this one) is read last at the start and first at the end,
 * so reading the others' /proc files (≈ 1 ms for four service processes) is not counted as its own work:
 * journey-cpu opens a window per operation, and that reading was a quarter of the simulator's share.
 */
export function cpuWindow(
  pids: ReadonlyMap<string, number>,
  read: (pid: number) => number = processCpuMs,
  self: number = process.pid,
): () => Record<string, number> {
  const others = [...pids].filter(([, pid]) => pid !== self);
  const own = [...pids].filter(([, pid]) => pid === self);
  const start = new Map<string, number>();
  for (const [name, pid] of [...others, ...own]) start.set(name, read(pid));
  return () => {
    const end = new Map<string, number>();
    for (const [name, pid] of [...own, ...others]) end.set(name, read(pid));
    return Object.fromEntries([...pids.keys()].map((name) => [name, Math.max(0, end.get(name)! - (start.get(name) ?? 0))]));
  };
}

/**
 * Starts a window over the PostgreSQL backends serving `databases` (the server on this machine); the
 * function returned ends it: their CPU ms since the start. A backend that appeared meanwhile counts whole;
 * one that ended meanwhile counts 0 (the services' pools keep theirs for the run).
 */
export async function postgresCpuWindow(adminUrl: string, databases: readonly string[], read: (pid: number) => number = processCpuMs): Promise<() => Promise<number>> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const start = new Map((await postgresBackendPids(sql, databases)).map((pid) => [pid, read(pid)] as const));
  return async () => {
    try {
      const pids = new Set([...start.keys(), ...(await postgresBackendPids(sql, databases))]);
      let ms = 0;
      for (const pid of pids) ms += Math.max(0, read(pid) - (start.get(pid) ?? 0));
      return ms;
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
}
