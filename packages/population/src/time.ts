/**
 * Instants relative to the population's `now`, in China Standard Time where a local hour matters
 * (R-MNT-1's 22:00–01:00 window is local time). Pure arithmetic on epoch milliseconds: no clock, no TZ.
 */
import { CST_OFFSET_MS, cstIsoDate } from "@jg/rules";
import { type Random } from "./random";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const YEAR_MS = 365.2425 * DAY_MS;

/** How far back violations go (issue #6: spread over the last 60 days). */
export const VIOLATION_WINDOW_DAYS = 60;

/** ISO 8601 UTC text of an epoch-ms instant, truncated to whole seconds (records never carry ms). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** CST calendar date "YYYY-MM-DD" of an epoch-ms instant. */
export function cstDate(ms: number): string {
  return cstIsoDate(new Date(ms));
}

/** A random instant in [now - days, now - 1 minute]: never at or after `now`. */
export function instantWithin(rng: Random, nowMs: number, days: number): number {
  return nowMs - MINUTE_MS - Math.floor(rng.next() * (days * DAY_MS - MINUTE_MS));
}

/**
 * A random night instant (22:00–01:00 CST, R-MNT-1's window) within the last `days` days and before
 * `now`: the CST midnight of a random day, then 22:00 plus up to 3 hours.
 */
export function nightInstantWithin(rng: Random, nowMs: number, days: number): number {
  for (;;) {
    const localMidnight = Math.floor((nowMs + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
    const dayStart = localMidnight - rng.int(1, days - 1) * DAY_MS;
    const at = dayStart + 22 * HOUR_MS + Math.floor(rng.next() * 3 * HOUR_MS);
    if (at < nowMs && at > nowMs - days * DAY_MS) return at;
  }
}

/** An instant at CST daytime (09:00–17:59) on the day `daysAgo` calendar days before now's CST day. */
export function daytimeDaysAgo(rng: Random, nowMs: number, daysAgo: number): number {
  const todayMidnight = Math.floor((nowMs + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  return todayMidnight - daysAgo * DAY_MS + rng.int(9, 17) * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
}

/** True when the epoch-ms instant lies in 22:00–01:00 CST. */
export function isNightCst(ms: number): boolean {
  const msOfDay = (((ms + CST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return msOfDay >= 22 * HOUR_MS || msOfDay < HOUR_MS;
}
