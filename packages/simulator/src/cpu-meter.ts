/**
 * CPU time the processes of a run spend over a window (the load's): the simulator's own process and
 * every service process (`RunningSystem.processes`: Chongqing, the gateway, the shard hosts or one
 * process per province), from the on-CPU nanoseconds of each thread in /proc (@jg/cluster's
 * `processCpuMs`, the benchmarks' reader too). Linux only: elsewhere, or for a process gone meanwhile, a process counts 0. PostgreSQL
 * backends (`--postgres`) are not counted.
 */
import { processCpuMs } from "@jg/cluster";

/** Starts a window over `pids` (name → pid); the function returned ends it: CPU ms per name since the start. */
export function cpuWindow(pids: ReadonlyMap<string, number>, read: (pid: number) => number = processCpuMs): () => Record<string, number> {
  const start = new Map([...pids].map(([name, pid]) => [name, read(pid)]));
  return () => Object.fromEntries([...pids].map(([name, pid]) => [name, Math.max(0, read(pid) - (start.get(name) ?? 0))]));
}
