import { AppFault } from "@jg/errors";
import { isProvinceCode } from "../catalogue/provinces";
import { type ProvinceCode } from "../catalogue/province.types";
import { violationCode } from "../codes/violation-codes";
import { FINE_SCHEDULES } from "./book";
import { defaultSchedule } from "./defaults";
import { type FineItem, type ScheduleBook, type ScheduleVersion } from "./schedule.types";

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The China Standard Time calendar day of an instant, "YYYY-MM-DD". Computed with UTC+8 arithmetic,
 * never the process time zone: China has no daylight saving time since 1991, so +8 is exact.
 */
export function cstDay(at: Date): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError("an invalid Date has no CST day");
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A province's versions, oldest first: from `book`, or the all-assumed default for a province the book
 * does not list. Throws an `AppFault` INVALID_PROVINCE_CODE for a code that is not a province.
 */
export function schedulesOf(provinceCode: ProvinceCode, book: ScheduleBook = FINE_SCHEDULES): readonly ScheduleVersion[] {
  const versions = book[provinceCode];
  if (versions && versions.length > 0) return versions;
  if (!isProvinceCode(provinceCode)) throw new AppFault("INVALID_PROVINCE_CODE", { params: { code: String(provinceCode) } });
  return [defaultSchedule(provinceCode)];
}

/**
 * The version in force at `at`: the latest whose `effectiveFrom` CST day is on or before the CST day of
 * `at` (a version applies from 00:00 CST of its first day). R-OOP-1: callers pass the occurrence
 * province and the violation's time. Throws a RangeError when `at` precedes every version (no data).
 */
export function scheduleInForce(provinceCode: ProvinceCode, at: Date, book: ScheduleBook = FINE_SCHEDULES): ScheduleVersion {
  const day = cstDay(at);
  let found: ScheduleVersion | undefined;
  for (const version of schedulesOf(provinceCode, book)) {
    if (version.effectiveFrom <= day && (!found || version.effectiveFrom >= found.effectiveFrom)) found = version;
  }
  if (!found) throw new RangeError(`no fine schedule of province ${provinceCode} is in force on ${day} (CST)`);
  return found;
}

/**
 * The fine item of a violation code in the schedule in force at `at`, or undefined for an unknown code.
 * An alias (legacy 1344 → 1116) resolves to its current code.
 */
export function fineItem(provinceCode: ProvinceCode, code: string, at: Date, book: ScheduleBook = FINE_SCHEDULES): FineItem | undefined {
  const entry = violationCode(code);
  if (!entry) return undefined;
  return scheduleInForce(provinceCode, at, book).items.find((item) => item.code === entry.code);
}
