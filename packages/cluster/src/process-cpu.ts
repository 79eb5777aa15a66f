/**
 * CPU time of a service process, for the benchmarks (bench/proc-meter.ts) and the simulator's load
 * report (packages/simulator/src/cpu-meter.ts): one reader, so both count the same thing.
 */
import { readdirSync, readFileSync } from "node:fs";

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
