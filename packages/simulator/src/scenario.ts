/**
 * Scenarios: typed scripts, each a story with expectations (issue #6). A scenario runs on a started
 * {@link Simulation}; its `expect` records every expectation with its outcome rather than throwing, so a
 * report lists them all. After the story the runner settles the handoff and checks every invariant.
 */
import type { InvariantResult } from "./invariant-result";
import type { PolicyPeriod, Simulation } from "./sim";

export interface Expectation {
  what: string;
  ok: boolean;
  detail?: string;
}

/** Records expectations of a scenario. */
export class Expect {
  readonly list: Expectation[] = [];
  /** What the story found, for the reports (e.g. a reconciliation's mismatches). */
  readonly notes: string[] = [];

  /** Records a finding the text and HTML reports show under the scenario. */
  note(text: string): void {
    this.notes.push(text);
  }

  /** Expects `cond`; `detail` says what was seen when it fails. */
  that(what: string, cond: boolean, detail?: unknown): boolean {
    this.list.push({ what, ok: cond, ...(cond ? {} : { detail: JSON.stringify(detail) }) });
    return cond;
  }

  /** Expects deep equality (JSON) of `actual` and `expected`. */
  equal(what: string, actual: unknown, expected: unknown): boolean {
    const ok = JSON.stringify(actual) === JSON.stringify(expected);
    return this.that(what, ok, { actual, expected });
  }
}

export interface Scenario {
  /** Short name used on the command line (kebab case). */
  name: string;
  description: string;
  /** Rule IDs of the manual the story exercises. */
  rules: string[];
  /** How many provinces besides Chongqing the story needs (from the simulation's list, in order). */
  provincesNeeded: number;
  /** A system option the story needs: its delivery delay (R-SYNC-1), ms; default none. */
  deliveryDelayMs?: number;
  /**
   * A system option the story needs: Chongqing's policy table (R-ELG-2, R-ELG-3E) as periods computed
   * from the run's start instant (`POLICY_PERIODS` of the Chongqing service); default the built-in table.
   */
  policyPeriods?: (start: Date) => PolicyPeriod[];
  run(sim: Simulation, expect: Expect): Promise<void>;
}

export interface ScenarioResult {
  name: string;
  rules: string[];
  ok: boolean;
  expectations: Expectation[];
  /** Findings the story noted (`Expect.note`), shown by the reports. */
  notes?: string[];
  invariants: InvariantResult[];
  error?: string;
  durationMs: number;
  /** Outbox messages still pending when the run ended. */
  pending: number;
}

/** Runs one scenario, then settles the system and checks every invariant as at the end of a run. */
export async function runScenario(sim: Simulation, scenario: Scenario): Promise<ScenarioResult> {
  const expect = new Expect();
  const t0 = performance.now();
  let error: string | undefined;
  try {
    if (sim.options.provinces.length < scenario.provincesNeeded) throw new Error(`needs ${scenario.provincesNeeded} provinces besides 50`);
    await scenario.run(sim, expect);
  } catch (err) {
    error = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  let pending = -1;
  let invariants: InvariantResult[] = [];
  try {
    pending = await sim.settle();
    invariants = await sim.invariants(true);
  } catch (err) {
    error = `${error ? `${error}\n` : ""}after the story: ${err instanceof Error ? err.message : String(err)}`;
  }
  const ok = !error && expect.list.every((e) => e.ok) && invariants.length > 0 && invariants.every((i) => i.ok);
  return { name: scenario.name, rules: scenario.rules, ok, expectations: expect.list, notes: expect.notes, invariants, durationMs: performance.now() - t0, pending, ...(error ? { error } : {}) };
}
