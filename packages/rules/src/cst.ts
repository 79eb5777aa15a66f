/**
 * China Standard Time arithmetic. Every local-time rule (the 22:00–01:00 window of R-MNT-1, calendar days
 * of the scoring cycle and of the late-payment surcharge, policy periods) works in CST = UTC+8, which has
 * had no daylight saving since 1991. The offset is applied by arithmetic on the UTC instant, never
 * through the process time zone, so results do not depend on `TZ`.
 */
export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in CST. `month` is 1..12. */
export type CstDate = { year: number; month: number; day: number };

/** The CST calendar date of an instant. */
export function cstDateOf(at: Date): CstDate {
  const shifted = new Date(at.getTime() + CST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Milliseconds since CST midnight of the instant's local day (0 ≤ result < 24 h). */
export function cstMsOfDay(at: Date): number {
  const local = at.getTime() + CST_OFFSET_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant of CST midnight starting the given calendar date (day may overflow, as in `Date.UTC`). */
export function cstMidnight(date: CstDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - CST_OFFSET_MS);
}

/** A day number (days since 1970-01-01 CST) of the instant's CST date; differences count calendar days. */
export function cstDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CST_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of the instant's CST date (sorts like the dates it names). */
export function cstIsoDate(at: Date): string {
  const { year, month, day } = cstDateOf(at);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
