/**
 * The scoring cycle (记分周期): 12 months, running continuously from the day the licence was first
 * issued (公安部令第163号《道路交通安全违法行为记分管理办法》§3; docs/domain-facts.md §1). Cycles start at CST
 * midnight of each anniversary of the first-issue date.
 *
 * A first-issue date of 29 February has no anniversary in common years. ASSUMED rule (no source found
 * for how the traffic police count it): as in 民法典 §202, a period whose corresponding day does not
 * exist ends on the last day of that month, so the cycle ends on 28 February and the next one starts on
 * 1 March; in leap years it starts on 29 February again.
 */
import { AppFault } from "@jg/errors";
import { cstDateOf, cstMidnight } from "./cst";
import { requireDate } from "./input";

/** A scoring cycle: `start` inclusive, `end` exclusive (the instant the next cycle starts). */
export type ScoringCycle = { start: Date; end: Date };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** CST midnight starting the cycle that begins in `year` for an anchor of `month`/`day`. */
function cycleStartIn(year: number, month: number, day: number): Date {
  if (month === 2 && day === 29 && !isLeapYear(year)) return cstMidnight({ year, month: 3, day: 1 });
  return cstMidnight({ year, month, day });
}

/**
 * The scoring cycle containing `now` for a licence first issued on `firstIssuedOn` (its CST date is the
 * anchor; the time of day is ignored). Raises `BAD_USER_INPUT` when `now` is before the first issue.
 */
export function scoringCycle(firstIssuedOn: Date, now: Date): ScoringCycle {
  requireDate("firstIssuedOn", firstIssuedOn);
  requireDate("now", now);
  const anchor = cstDateOf(firstIssuedOn);
  const first = cstMidnight(anchor);
  if (now.getTime() < first.getTime()) {
    throw new AppFault("BAD_USER_INPUT", { params: { reason: "now is before the licence was first issued" } });
  }
  // The cycle starts at the anniversary in now's CST year, or in the year before if that is still ahead.
  // (now ≥ first issue, so the year never goes below the anchor's, whose start is the first-issue day.)
  let year = cstDateOf(now).year;
  if (cycleStartIn(year, anchor.month, anchor.day).getTime() > now.getTime()) year -= 1;
  return { start: cycleStartIn(year, anchor.month, anchor.day), end: cycleStartIn(year + 1, anchor.month, anchor.day) };
}
