/**
 * The business day of the banks' nightly reconciliation (R-MNT-1; docs/design.md §4, "Reconciliation").
 *
 * A business day is named by a CST calendar date `D` (`YYYY-MM-DD`, China Standard Time, UTC+8, computed
 * arithmetically like every local-time rule). It ends at its **cut-off**, the start of the province's
 * nightly window (R-MNT-1: 22:00 in Chongqing), and starts at the previous day's cut-off:
 * Chongqing's business day D is [D−1 22:00 CST, D 22:00 CST). Payments are refused inside the window, so
 * in practice day D holds the payments made from 01:00 to 22:00 on D, and the statement of D is final when
 * the window opens; the bank reconciles it during that night's window (22:00 D to 01:00 D+1).
 * A window starting before noon (a province configured with, say, 02:00–04:00) is the night *after* D,
 * so D's cut-off is that start on D+1.
 */
import { cstMidnight, type DailyWindow } from "@jg/rules";

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const NOON_MINUTE = 12 * 60;

/** The span of one business day: `from` inclusive, `to` (the cut-off) exclusive. */
export type BusinessDaySpan = { day: string; from: Date; to: Date };

/** The cut-off instant ending business day `day` (already validated). */
function cutoff(day: string, window: DailyWindow): Date {
  const [, y, m, d] = DAY_RE.exec(day)!;
  const midnight = cstMidnight({ year: Number(y), month: Number(m), day: Number(d) });
  const dayOffset = window.startMinute >= NOON_MINUTE ? 0 : DAY_MS;
  return new Date(midnight.getTime() + dayOffset + window.startMinute * 60_000);
}

/** True when `day` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isBusinessDay(day: string): boolean {
  const match = DAY_RE.exec(day);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The instants business day `day` covers. @throws RangeError when `day` is not a `YYYY-MM-DD` date. */
export function businessDaySpan(day: string, window: DailyWindow): BusinessDaySpan {
  if (!isBusinessDay(day)) throw new RangeError(`not a business day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const to = cutoff(day, window);
  return { day, from: new Date(to.getTime() - DAY_MS), to };
}

/** The business day an instant (a payment's time) belongs to. */
export function businessDayOf(at: Date, window: DailyWindow): string {
  // Shift so that the cut-off falls on a CST midnight, then read the CST date.
  const dayOffset = window.startMinute >= NOON_MINUTE ? 0 : DAY_MS;
  const shifted = at.getTime() + 8 * 3600_000 - window.startMinute * 60_000 + DAY_MS - dayOffset;
  const date = new Date(shifted);
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
}
