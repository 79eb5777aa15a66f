/**
 * A licence as users and rules see it: the stored row plus the ledger's totals for the current
 * scoring cycle.
 */
import type { LicenceFacts, LicenceStateCode } from "@jg/rules";
import type { LicenceRow } from "../db/schema";
import { cycleOf, cycleStartDate } from "./cycle";
import type { LedgerTotals, LedgerWindow } from "./ledger.store";

export type LicenceView = {
  number: string;
  holderIdNumber: string;
  states: LicenceStateCode[];
  points: number;
  reservedPoints: number;
  fullScoreCountInCycle: number;
  cycleStart: Date;
  cycleEnd: Date;
  /** When this view's data last changed on the home platform (R-SYNC-2: views say how fresh they are). */
  asOf: Date;
};

/** The ledger window of a licence at `now`: its current scoring cycle. */
export function ledgerWindow(row: LicenceRow, now: Date): LedgerWindow {
  const cycle = cycleOf(row.firstIssuedOn, now);
  return { licenceNumber: row.number, cycleStart: cycle.start, cycleEnd: cycle.end };
}

/**
 * The window, or null when there is none (`now` before the first issue, where {@link ledgerWindow}
 * raises BAD_USER_INPUT): for a read made before it is known whether the window is needed (the viewer's
 * read, authorize's one statement), which must not fail where the old separate reads did not.
 */
export function ledgerWindowOrNull(row: LicenceRow, now: Date): LedgerWindow | null {
  try {
    return ledgerWindow(row, now);
  } catch {
    return null;
  }
}

/**
 * The full-score count of the current cycle (R-ELG-5): the stored count belongs to the cycle starting
 * on `full_score_cycle_start`; in any later cycle it reads 0.
 */
export function fullScoreCountAt(row: LicenceRow, now: Date): number {
  const current = cycleStartDate(cycleOf(row.firstIssuedOn, now));
  return row.fullScoreCycleStart === current ? row.fullScoreCountInCycle : 0;
}

/** Builds the view from the row and its ledger totals. */
export function licenceView(row: LicenceRow, totals: LedgerTotals, now: Date): LicenceView {
  const cycle = cycleOf(row.firstIssuedOn, now);
  const lastEntry = totals.lastEntryAt?.getTime() ?? 0;
  return {
    number: row.number,
    holderIdNumber: row.holderIdNumber,
    states: row.states as LicenceStateCode[],
    points: totals.points,
    reservedPoints: totals.reservedPoints,
    fullScoreCountInCycle: fullScoreCountAt(row, now),
    cycleStart: cycle.start,
    cycleEnd: cycle.end,
    asOf: new Date(Math.max(lastEntry, row.updatedAt.getTime())),
  };
}

/** The facts `@jg/rules` needs (R-ELG-4, R-ELG-5, R-ELG-6). */
export function licenceFacts(view: LicenceView): LicenceFacts {
  return {
    states: view.states,
    points: view.points,
    reservedPoints: view.reservedPoints,
    fullScoreCountInCycle: view.fullScoreCountInCycle,
  };
}
