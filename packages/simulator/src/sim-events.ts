/**
 * The simulator's own record of a run, for the HTML report's timelines (issue 16): what it did to the
 * system (faults, scenarios) and every gateway call it made. Kept apart from `timeline.ts`, which reads
 * them with the audits, so that `sim.ts` can record them without an import cycle.
 */

/** Something the simulator did to the system, at a virtual instant (epoch ms). */
export type SimEvent =
  | { kind: "fault"; at: number; province: string; what: string }
  | { kind: "scenario"; at: number; end: number; name: string; ok: boolean };

/** One gateway call: when it started (real epoch ms), how long it took (real ms), the error and denial codes it answered. */
export interface CallRecord {
  at: number;
  ms: number;
  codes: string[];
}

