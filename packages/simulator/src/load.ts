/**
 * The load mode: K simulated citizens doing the manual's journey (R-OPS-1, R-OPS-2) through the gateway
 * at the same time for a duration — list my violations, pick one the platform allows, handle it with
 * the notice accepted, pay it — with a progress bar. When a citizen has nothing left to handle, a
 * camera of a random simulated province records a fresh violation of their car, so the load goes on.
 */
import { citizen, freshViolation, handle, journeyDrivers, mine, pay } from "./scenarios/citizen";
import { ProgressBar } from "./progress";
import type { LoadFigures } from "./report";
import type { Simulation } from "./sim";
import { distribution } from "./stats";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

export interface LoadOptions {
  /** Concurrent citizens (K). */
  citizens: number;
  /** How long, real ms. */
  durationMs: number;
  /** Draw a progress bar on stderr; default true. */
  progress?: boolean;
}

/** Runs the load on a started simulation; the caller settles and checks the invariants after. */
export async function runLoad(sim: Simulation, options: LoadOptions): Promise<LoadFigures> {
  const pool = journeyDrivers(sim.population, 6);
  if (pool.length === 0) throw new Error("the population has no citizen who can do the journey");
  const provinces = [HOME_PROVINCE_CODE, ...sim.options.provinces];
  const firstCall = sim.latencies.length;
  const bar = options.progress === false ? undefined : new ProgressBar(options.durationMs);
  const t0 = Date.now();
  const deadline = t0 + options.durationMs;
  let journeys = 0;
  let recorded = 0;
  const timer = setInterval(() => bar?.update(Date.now() - t0, `journeys ${journeys} ops ${sim.latencies.length - firstCall}`), 250);

  // Worker k takes drivers k, k+K, k+2K, …: it moves to its next driver once one nears 12 points
  // (R-ELG-6 would refuse), so the journey goes on as long as the population lasts.
  const worker = async (k: number) => {
    const mineOnly = pool.filter((_, i) => i % options.citizens === k);
    let turn = 0;
    for (const d of mineOnly.length ? mineOnly : [pool[k % pool.length]!]) {
      const me = citizen(d.accountId);
      while (Date.now() < deadline) {
        turn += 1;
        const list = await mine(sim, me);
        if ((list.points ?? 0) + (list.reserved ?? 0) >= 9) break;
        const target = list.items.find((v) => v.status === "UNHANDLED" && v.eligibility?.allowed);
        if (!target) {
          recorded += 1;
          await freshViolation(sim, provinces[(k + turn) % provinces.length]!, d.plate);
          // Give the province's relay (polling every 250 ms) time to index it at home.
          await new Promise((r) => setTimeout(r, 400));
          continue;
        }
        const handled = await handle(sim, me, target.id);
        if (!handled?.ok) continue;
        const paid = await pay(sim, me, target.id);
        if (paid?.ok) journeys += 1;
      }
    }
    // Out of drivers before the deadline: keep the load to reads of the last one.
    const last = citizen((mineOnly.at(-1) ?? pool[k % pool.length]!).accountId);
    while (Date.now() < deadline) await mine(sim, last);
  };
  try {
    await Promise.all(Array.from({ length: options.citizens }, (_, k) => worker(k)));
  } finally {
    clearInterval(timer);
    bar?.update(Date.now() - t0, `journeys ${journeys} ops ${sim.latencies.length - firstCall} recorded ${recorded}`);
    bar?.done();
  }
  const durationMs = Date.now() - t0;
  const latencies = sim.latencies.slice(firstCall);
  return {
    citizens: options.citizens,
    durationMs,
    journeys,
    operations: latencies.length,
    operationsPerSecond: latencies.length / (durationMs / 1000),
    journeysPerSecond: journeys / (durationMs / 1000),
    latencyMs: distribution(latencies),
  };
}
