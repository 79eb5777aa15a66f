/**
 * CPU time the processes of a run spend over a window, the one meter of the simulator's load report,
 * journey-cpu and the benchmarks (bench/proc-meter.ts): every service process
 * (`RunningSystem.processes`: Chongqing, the gateway, the shard hosts or one process per province), any
 * other named process (the simulator's own), and on PostgreSQL the server's backends serving the run's
 * databases, as "postgresql" (a run's CPU then includes the database's). Each process is read by
 * {@link processCpuMs}. Linux only: elsewhere, or for a process gone meanwhile, a process counts 0; a
 * service restarted meanwhile counts its new process (systemCpuWindow).
 */
import type { Sql } from "postgres";
import { postgresBackendPids, processCpuMs } from "./process-cpu";
import type { RunningSystem } from "./system";

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
 * Starts a window over the PostgreSQL backends serving `databases` (the server on this machine, asked
 * through `pg`, which the caller keeps open until the window ends); the function returned ends it: their
 * CPU ms since the start. A backend that appeared meanwhile counts whole; one that ended meanwhile counts
 * 0 (the services' pools keep theirs for the run).
 */
export async function postgresCpuWindow(pg: Sql, databases: readonly string[], read: (pid: number) => number = processCpuMs): Promise<() => Promise<number>> {
  const start = new Map((await postgresBackendPids(pg, databases)).map((pid) => [pid, read(pid)] as const));
  return async () => {
    const pids = new Set([...start.keys(), ...(await postgresBackendPids(pg, databases))]);
    let ms = 0;
    for (const pid of pids) ms += Math.max(0, read(pid) - (start.get(pid) ?? 0));
    return ms;
  };
}

/** The pid of each service process of a run now (name → pid; a process not running has none). */
export function servicePids(system: Pick<RunningSystem, "processes">): Map<string, number> {
  return new Map([...system.processes].flatMap(([name, p]) => (p.pid ? [[name, p.pid] as const] : [])));
}

/**
 * Starts a window over a run: its service processes, the `extra` named processes (the simulator's own),
 * and with `pg` the PostgreSQL backends of its databases as "postgresql"; the function returned ends it:
 * CPU ms per name. A service whose pid changed meanwhile (restarted by its ManagedProcess, or started)
 * counts its new process whole, as a new backend does; what its old process used before it exited is
 * lost (not readable once it is gone), and the old pid is not read (it may be another process's now).
 */
export async function systemCpuWindow(
  system: Pick<RunningSystem, "processes" | "databases">,
  options: { extra?: ReadonlyMap<string, number>; pg?: Sql | undefined; read?: (pid: number) => number } = {},
): Promise<() => Promise<Record<string, number>>> {
  const read = options.read ?? processCpuMs;
  const started = servicePids(system);
  const processes = cpuWindow(new Map([...(options.extra ?? []), ...started]), read);
  const database = options.pg ? await postgresCpuWindow(options.pg, system.databases, read) : undefined;
  return async () => {
    const ms = processes();
    for (const [name, pid] of servicePids(system)) if (started.get(name) !== pid) ms[name] = read(pid);
    if (database) ms["postgresql"] = await database();
    return ms;
  };
}
