import { CHONGQING_MAINTENANCE_WINDOW } from "@jg/rules";
import { describe, expect, it } from "vitest";
import { businessDayOf, businessDaySpan, isBusinessDay } from "./business-day";

const early = { startMinute: 2 * 60, endMinute: 4 * 60 };

describe("the reconciliation business day (R-MNT-1)", () => {
  it("R-MNT-1: Chongqing's day D runs from 22:00 CST of D−1 to 22:00 CST of D, the window's start", () => {
    const span = businessDaySpan("2026-03-10", CHONGQING_MAINTENANCE_WINDOW);
    expect(span.from.toISOString()).toBe("2026-03-09T14:00:00.000Z");
    expect(span.to.toISOString()).toBe("2026-03-10T14:00:00.000Z");
  });

  it.each([
    ["2026-03-10T13:59:59.999Z", "2026-03-10"], // 21:59:59.999 CST
    ["2026-03-10T14:00:00.000Z", "2026-03-11"], // 22:00 CST: the window opens, the next day starts
    ["2026-03-09T17:00:00.000Z", "2026-03-10"], // 01:00 CST, first payment after the window
    ["2026-03-09T16:30:00.000Z", "2026-03-10"], // 00:30 CST, inside the window
  ])("R-MNT-1: a payment at %s belongs to business day %s", (at, day) => {
    expect(businessDayOf(new Date(at), CHONGQING_MAINTENANCE_WINDOW)).toBe(day);
    const span = businessDaySpan(day, CHONGQING_MAINTENANCE_WINDOW);
    expect(new Date(at).getTime()).toBeGreaterThanOrEqual(span.from.getTime());
    expect(new Date(at).getTime()).toBeLessThan(span.to.getTime());
  });

  it("R-MNT-1: ends a day with a morning window (02:00) at 02:00 CST of the next date", () => {
    expect(businessDaySpan("2026-03-10", early).to.toISOString()).toBe("2026-03-10T18:00:00.000Z");
    expect(businessDayOf(new Date("2026-03-10T17:59:00.000Z"), early)).toBe("2026-03-10");
    expect(businessDayOf(new Date("2026-03-10T18:00:00.000Z"), early)).toBe("2026-03-11");
  });

  it("refuses what is not a calendar date", () => {
    expect(isBusinessDay("2026-02-30")).toBe(false);
    expect(isBusinessDay("2026-3-1")).toBe(false);
    expect(isBusinessDay("2026-03-01")).toBe(true);
    expect(() => businessDaySpan("yesterday", CHONGQING_MAINTENANCE_WINDOW)).toThrow(RangeError);
  });
});
