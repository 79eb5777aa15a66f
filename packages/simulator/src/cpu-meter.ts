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

/** Starts a window over `pids` (name → pid); the function returned ends it: CPU ms per name since the start. */
export function cpuWindow(pids: ReadonlyMap<string, number>, read: (pid: number) => number = processCpuMs): () => Record<string, number> {
  const start = new Map([...pids].map(([name, pid]) => [name, read(pid)]));
  return () => Object.fromEntries([...pids].map(([name, pid]) => [name, Math.max(0, read(pid) - (start.get(name) ?? 0))]));
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
