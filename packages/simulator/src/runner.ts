/**
 * Runs scenarios or a load and builds the report: one simulation per distinct system need (the
 * delivery delay and Chongqing's policy table are fixed when the services start, so a scenario needing
 * one gets its own system).
 */
import { availableParallelism } from "node:os";
import { systemCpuWindow } from "@jg/cluster";
import postgres from "postgres";
import { checkInvariants } from "./invariants";
import { loadPopulationCitizens, runLoad, type LoadOptions } from "./load";
import type { RunReport } from "./report";
import { runScenario, type Scenario, type ScenarioResult } from "./scenario";
import { DEFAULT_START, Simulation, type PolicyPeriod, type SimulationOptions } from "./sim";
import { buildTimeline } from "./timeline";

/** What a scenario needs of its system, fixed when the services start. */
export interface SystemNeeds {
  deliveryDelayMs: number;
  policyPeriods?: PolicyPeriod[];
}

/**
 * Groups scenarios by what their system needs (delivery delay, policy table), keeping their order
 * within a group; scenarios with the same needs share one system.
 */
export function groupByNeeds(list: Scenario[], start: Date): { needs: SystemNeeds; scenarios: Scenario[] }[] {
  const groups = new Map<string, { needs: SystemNeeds; scenarios: Scenario[] }>();
  for (const s of list) {
    const periods = s.policyPeriods?.(start);
    const needs: SystemNeeds = { deliveryDelayMs: s.deliveryDelayMs ?? 0, ...(periods ? { policyPeriods: periods } : {}) };
    const key = JSON.stringify(needs);
    const group = groups.get(key) ?? { needs, scenarios: [] };
    group.scenarios.push(s);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The report of finished scenarios on one simulation (invariants and latency from a final audit). */
export async function reportOf(sim: Simulation, kind: RunReport["kind"], results: ScenarioResult[]): Promise<RunReport> {
  await sim.settle();
  const audit = await sim.audit();
  const invariants = checkInvariants(audit, { settled: true });
  const faulted = [...new Set((sim.options.faults ?? []).map((f) => f.province))].filter((code) => sim.running(code));
  const faults = Object.fromEntries(await Promise.all(faulted.map(async (code) => [code, await sim.setFaults(code)] as const)));
  return {
    kind,
    provinces: sim.options.provinces,
    seed: sim.options.seed ?? 12123,
    scenarios: results,
    invariants,
    handoffLatencyMs: Simulation.handoffLatency(audit),
    handoffLatencyLivedMs: Simulation.handoffLatency(audit, sim.jumps),
    errorsByCode: { ...sim.errors.counts },
    ...(faulted.length > 0 ? { faults } : {}),
    timeline: buildTimeline(audit, { start: sim.startedAt.getTime(), startedReal: sim.startedReal, jumps: sim.jumps, events: sim.events, calls: sim.calls }),
    ok: results.every((r) => r.ok) && invariants.every((i) => i.ok),
  };
}

/** Runs a scenario and records its span on the virtual clock (the HTML report's timelines). */
export async function runRecorded(sim: Simulation, scenario: Scenario): Promise<ScenarioResult> {
  const at = sim.now().getTime();
  const r = await runScenario(sim, scenario);
  sim.events.push({ kind: "scenario", at, end: sim.now().getTime(), name: scenario.name, ok: r.ok });
  return r;
}

/** Runs `list` on as many systems as their needs ask for; returns one report per system. */
export async function runScenarios(list: Scenario[], options: SimulationOptions, onResult?: (r: ScenarioResult) => void): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const { needs, scenarios: group } of groupByNeeds(list, new Date(options.start ?? DEFAULT_START))) {
    const sim = await Simulation.start({
      ...options,
      deliveryDelayMs: needs.deliveryDelayMs || (options.deliveryDelayMs ?? 0),
      ...(needs.policyPeriods ? { policyPeriods: needs.policyPeriods } : {}),
    });
    try {
      const results: ScenarioResult[] = [];
      for (const s of group) {
        const r = await runRecorded(sim, s);
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

/** A load's simulation options: without `populationCitizens`, a load population sized to last the run (`loadPopulationCitizens`). */
export function withLoadPopulation(options: SimulationOptions, load: Pick<LoadOptions, "durationMs">): SimulationOptions {
  return { ...options, populationCitizens: options.populationCitizens ?? loadPopulationCitizens(load.durationMs) };
}

/** Starts a simulation, runs the load on it (measuring every process's CPU over it), and reports. */
export async function runLoadReport(options: SimulationOptions, load: LoadOptions): Promise<RunReport> {
  const sim = await Simulation.start(withLoadPopulation(options, load));
  let pg: postgres.Sql | undefined;
  try {
    // On PostgreSQL, the server's backends serving the run count too (asked over one connection of this process).
    pg = options.postgresAdminUrl ? postgres(options.postgresAdminUrl, { max: 1, onnotice: () => {} }) : undefined;
    const cpu = await systemCpuWindow(sim.system, { extra: new Map([["simulator", process.pid]]), pg });
    const figures = await runLoad(sim, load);
    const ms = await cpu();
    const report = await reportOf(sim, "load", []);
    return { ...report, load: { ...figures, cpu: { ms, cores: availableParallelism() } } };
  } finally {
    await pg?.end({ timeout: 5 });
    await sim.stop();
  }
}
