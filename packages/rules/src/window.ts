/**
 * R-MNT-1: every night from 22:00 to 01:00 local time the bank payment system reconciles with the
 * platform, and violations cannot be handled (nor paid, since payment is the bank side of handling).
 * Local time is China Standard Time, computed arithmetically (see `cst.ts`), whatever the server's zone.
 */
import { cstMsOfDay } from "./cst";
import { deny } from "./denial";
import { type Denial } from "./types";

/** A daily window in CST, as minutes since local midnight; `startMinute > endMinute` wraps midnight. */
export type DailyWindow = { startMinute: number; endMinute: number };

/**
 * Chongqing's window (R-MNT-1): 22:00 inclusive to 01:00 exclusive, CST. Other provinces' windows were
 * not found (docs/domain-facts.md §9.4 mentions an unverified 02:00–04:00 elsewhere), so a province may pass
 * its own window; this is the default.
 */
export const CHONGQING_MAINTENANCE_WINDOW: DailyWindow = { startMinute: 22 * 60, endMinute: 1 * 60 };

/**
 * True when `now` falls inside the daily window (R-MNT-1): from `startMinute` inclusive to `endMinute`
 * exclusive, in CST. 21:59:59.999 is outside, 22:00:00 inside, 00:59:59.999 inside, 01:00:00 outside.
 */
export function inMaintenanceWindow(now: Date, window: DailyWindow = CHONGQING_MAINTENANCE_WINDOW): boolean {
  const minute = cstMsOfDay(now) / 60_000;
  const { startMinute, endMinute } = window;
  if (startMinute === endMinute) return false;
  return startMinute < endMinute
    ? minute >= startMinute && minute < endMinute
    : minute >= startMinute || minute < endMinute;
}

/** The R-MNT-1 denial when `now` is inside the window, else none. */
export function maintenanceWindowDenial(
  now: Date,
  window: DailyWindow = CHONGQING_MAINTENANCE_WINDOW,
): Denial | undefined {
  return inMaintenanceWindow(now, window) ? deny("MAINTENANCE_WINDOW") : undefined;
}
