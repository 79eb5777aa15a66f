import { scoringCycle, type ScoringCycle } from "@jg/rules";

/**
 * The scoring cycle (记分办法 §3) containing `now` for a licence first issued on `firstIssuedOn`
 * (ISO date as stored, read as a China Standard Time calendar date).
 */
export function cycleOf(firstIssuedOn: string, now: Date): ScoringCycle {
  return scoringCycle(new Date(`${firstIssuedOn}T00:00:00+08:00`), now);
}

/** The ISO (CST) date a cycle starts on, as stored in `licences.full_score_cycle_start`. */
export function cycleStartDate(cycle: ScoringCycle): string {
  return new Date(cycle.start.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
