/**
 * Runs scenarios or a load and builds the report: one simulation per distinct system need (the
 * delivery delay is fixed when the services start, so a scenario needing one gets its own system).
 */
import { checkInvariants } from "./invariants";
import { runLoad, type LoadOptions } from "./load";
import type { RunReport } from "./report";
import { runScenario, type Scenario, type ScenarioResult } from "./scenario";
import { Simulation, type SimulationOptions } from "./sim";

/** Groups scenarios by the delivery delay their system needs, keeping their order within a group. */
export function groupByDelay(list: Scenario[]): Map<number, Scenario[]> {
  const groups = new Map<number, Scenario[]>();
  for (const s of list) groups.set(s.deliveryDelayMs ?? 0, [...(groups.get(s.deliveryDelayMs ?? 0) ?? []), s]);
  return groups;
}

/** The report of finished scenarios on one simulation (invariants and latency from a final audit). */
export async function reportOf(sim: Simulation, kind: RunReport["kind"], results: ScenarioResult[]): Promise<RunReport> {
  await sim.settle();
  const audit = await sim.audit();
  const invariants = checkInvariants(audit, { settled: true });
  return {
    kind,
    provinces: sim.options.provinces,
    seed: sim.options.seed ?? 12123,
    scenarios: results,
    invariants,
    handoffLatencyMs: Simulation.handoffLatency(audit),
    errorsByCode: { ...sim.errors.counts },
    ok: results.every((r) => r.ok) && invariants.every((i) => i.ok),
  };
}

/** Runs `list` on as many systems as their needs ask for; returns one report per system. */
export async function runScenarios(list: Scenario[], options: SimulationOptions, onResult?: (r: ScenarioResult) => void): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const [delay, group] of groupByDelay(list)) {
    const sim = await Simulation.start({ ...options, deliveryDelayMs: delay || (options.deliveryDelayMs ?? 0) });
    try {
      const results: ScenarioResult[] = [];
      for (const s of group) {
        const r = await runScenario(sim, s);
        onResult?.(r);
        results.push(r);
      }
      reports.push(await reportOf(sim, "scenarios", results));
    } finally {
      await sim.stop();
    }
  }
  return reports;
}

/** Starts a simulation, runs the load on it, and reports. */
export async function runLoadReport(options: SimulationOptions, load: LoadOptions): Promise<RunReport> {
  const sim = await Simulation.start(options);
  try {
    const figures = await runLoad(sim, load);
    const report = await reportOf(sim, "load", []);
    return { ...report, load: figures };
  } finally {
    await sim.stop();
  }
}
