/**
 * CPU time the processes of a run spend over a window (the load's): the simulator's own process and
 * every service process (`RunningSystem.processes`: Chongqing, the gateway, the shard hosts or one
 * process per province), from the on-CPU nanoseconds of each thread in /proc (as bench/proc-meter.ts
 * reads them). Linux only: elsewhere, or for a process gone meanwhile, a process counts 0. PostgreSQL
 * backends (`--postgres`) are not counted.
 */
import { readdirSync, readFileSync } from "node:fs";

/** On-CPU ms of a process so far, summed over its threads (/proc/<pid>/task/<tid>/schedstat); 0 when unreadable. */
function processCpuMs(pid: number): number {
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

/** Starts a window over `pids` (name → pid); the function returned ends it: CPU ms per name since the start. */
export function cpuWindow(pids: ReadonlyMap<string, number>, read: (pid: number) => number = processCpuMs): () => Record<string, number> {
  const start = new Map([...pids].map(([name, pid]) => [name, read(pid)]));
  return () => Object.fromEntries([...pids].map(([name, pid]) => [name, Math.max(0, read(pid) - (start.get(name) ?? 0))]));
}
