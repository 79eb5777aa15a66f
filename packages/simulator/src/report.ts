/**
 * The report of a run (issue #6): what ran, every invariant with pass/fail and counts, the handoff
 * latency distribution, errors by code, and for load runs throughput and latency percentiles. As JSON
 * (`--json`) and as text.
 */
import type { InvariantResult } from "./invariant-result";
import type { ScenarioResult } from "./scenario";
import type { FaultState } from "./sim";
import type { Distribution } from "./stats";
import type { RunTimeline } from "./timeline";

export interface LoadFigures {
  citizens: number;
  durationMs: number;
  /** Journeys completed (a violation handled and paid). */
  journeys: number;
  /** Gateway operations sent. */
  operations: number;
  operationsPerSecond: number;
  journeysPerSecond: number;
  /** Gateway call latency, real ms. */
  latencyMs: Distribution;
  /**
   * Drivers who can do the journey in the population, how many the load took up, and how many of those
   * left because the platform allowed none of their violations (`denied`: a driver the population's
   * facts let through but the platform refuses, who would otherwise have recorded violations to the deadline).
   */
  drivers: { pool: number; used: number; denied: number };
  /** Real ms after the start when a worker found no driver left (every one at the points ceiling): fewer workers from there. */
  outOfDriversMs?: number;
  /**
   * On-CPU ms of each process over the load (the simulator's own, "simulator", and every service
   * process; /proc, Linux), the cores they shared, for CPU per journey and per operation.
   */
  cpu?: { ms: Record<string, number>; cores: number };
}

export interface RunReport {
  kind: "scenarios" | "load";
  provinces: string[];
  seed: number;
  scenarios: ScenarioResult[];
  /** Invariants over every database at the end of the run. */
  invariants: InvariantResult[];
  /**
   * Province outbox → home inbox, virtual ms: includes the clock moves made while a message waited
   * (a scenario jumping 2 h, settling past a retry backoff, a delivery delay waited by a jump).
   */
  handoffLatencyMs: Distribution;
  /** The same without the spans the clock jumped over: the time the machinery itself took, virtual ms at 1×. */
  handoffLatencyLivedMs: Distribution;
  errorsByCode: Record<string, number>;
  load?: LoadFigures;
  /** Fault state at the end of the run of each province given faults on the command line (`--slow`, `--drop`). */
  faults?: Record<string, FaultState>;
  /** What the HTML report draws over time (`--html`): every violation's steps, handoff samples, clock jumps, faults, gateway calls. */
  timeline?: RunTimeline;
  ok: boolean;
}

const ms = (d: Distribution) => `n=${d.count} p50=${Math.round(d.p50)} p90=${Math.round(d.p90)} p99=${Math.round(d.p99)} max=${Math.round(d.max)} ms`;

/** CPU over the load: the total against what the cores offered, per journey and per operation, and by process. */
function cpuLine(l: LoadFigures, cpu: NonNullable<LoadFigures["cpu"]>): string {
  const total = Object.values(cpu.ms).reduce((a, b) => a + b, 0);
  const per = (n: number) => (n > 0 ? Math.round(total / n) : "–");
  const byProcess = Object.entries(cpu.ms).map(([name, v]) => `${name} ${(v / 1000).toFixed(1)}`);
  return `  CPU ${(total / 1000).toFixed(1)} s of ${((cpu.cores * l.durationMs) / 1000).toFixed(1)} s (${cpu.cores} cores): ${per(l.journeys)} ms a journey, ${per(l.operations)} ms an operation; ${byProcess.join(", ")} s`;
}

/** The report as text for a terminal. */
export function formatReport(r: RunReport): string {
  const lines = [`Simulation (${r.kind}) — Chongqing + ${r.provinces.join(", ")}, seed ${r.seed}: ${r.ok ? "PASS" : "FAIL"}`];
  for (const s of r.scenarios) {
    lines.push(`  ${s.ok ? "✔" : "✘"} ${s.name} [${s.rules.join(" ")}] ${Math.round(s.durationMs)} ms`);
    for (const note of s.notes ?? []) lines.push(`      · ${note}`);
    for (const e of s.expectations.filter((x) => !x.ok)) lines.push(`      ✘ ${e.what}: ${e.detail ?? ""}`);
    for (const i of s.invariants.filter((x) => !x.ok)) lines.push(`      ✘ invariant ${i.name}: ${i.violations.slice(0, 3).join("; ")}`);
    if (s.error) lines.push(`      error: ${s.error.split("\n")[0]}`);
  }
  if (r.load) {
    const l = r.load;
    lines.push(
      `Load: ${l.citizens} citizens for ${(l.durationMs / 1000).toFixed(1)} s — ${l.journeys} journeys (${l.journeysPerSecond.toFixed(2)}/s), ${l.operations} operations (${l.operationsPerSecond.toFixed(1)}/s)`,
      `  gateway latency ${ms(l.latencyMs)}`,
      `  drivers ${l.drivers.used} of ${l.drivers.pool}${l.drivers.denied > 0 ? `, ${l.drivers.denied} left refused by the platform` : ""}${l.outOfDriversMs === undefined ? "" : `; out of drivers after ${(l.outOfDriversMs / 1000).toFixed(1)} s, fewer workers from there (a larger --population lasts longer)`}`,
    );
    if (l.cpu) lines.push(cpuLine(l, l.cpu));
  }
  lines.push("Invariants (all databases, end of run):");
  for (const i of r.invariants) lines.push(`  ${i.ok ? "PASS" : "FAIL"} ${i.name} — ${i.checked} checked${i.ok ? "" : `, ${i.violations.length} broken: ${i.violations.slice(0, 3).join("; ")}`}`);
  lines.push(`Handoff latency (virtual, with clock jumps): ${ms(r.handoffLatencyMs)}`);
  lines.push(`Handoff latency (lived, without clock jumps): ${ms(r.handoffLatencyLivedMs)}`);
  for (const [code, f] of Object.entries(r.faults ?? {})) {
    lines.push(
      `Faults of ${code}: latency ${f.latencyMs} ms; lost ${f.lost.requests} messages on the way and ${f.lost.acks} acknowledgements (${f.dropHandoff} + ${f.dropAcks} still to lose)`,
    );
  }
  const errors = Object.entries(r.errorsByCode).sort((a, b) => b[1] - a[1]);
  lines.push(`Errors and denials by code: ${errors.length ? errors.map(([c, n]) => `${c}×${n}`).join(", ") : "none"}`);
  return lines.join("\n");
}
