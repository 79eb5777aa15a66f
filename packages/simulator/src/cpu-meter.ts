/**
 * CPU time the processes of a run spend over a window (the load's): the simulator's own process and
 * every service process (`RunningSystem.processes`: Chongqing, the gateway, the shard hosts or one
 * process per province), from the on-CPU nanoseconds of each thread in /proc (@jg/cluster's
 * `processCpuMs`, the benchmarks' reader too). Linux only: elsewhere, or for a process gone meanwhile, a process counts 0. PostgreSQL
 * backends (`--postgres`) are not counted.
 */
import { processCpuMs } from "@jg/cluster";

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
