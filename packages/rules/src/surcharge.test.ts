import { describe, expect, it } from "vitest";
import { amountPayable } from "./surcharge";
import { cst } from "./test-fixtures";

const DECIDED = cst("2024-03-01T23:59:00");
/** The CST instant `days` calendar days after the decision day, at 09:00. */
function dayAfter(days: number): Date {
  return new Date(cst("2024-03-01T09:00:00").getTime() + days * 86_400_000);
}

const cases: { name: string; fineYuan: number; now: Date; lateDays: number; surchargeYuan: number }[] = [
  { name: "R-FEE-1 charges the fine and nothing more on the day of the decision", fineYuan: 200, now: DECIDED, lateDays: 0, surchargeYuan: 0 },
  { name: "R-FEE-1 charges no surcharge on the 15th day after the decision", fineYuan: 200, now: dayAfter(15), lateDays: 0, surchargeYuan: 0 },
  { name: "R-FEE-1 adds 3% on the 16th day (1 late day): 200 → 6 yuan", fineYuan: 200, now: dayAfter(16), lateDays: 1, surchargeYuan: 6 },
  { name: "R-FEE-1 adds 3% a day: 10 late days of 100 yuan → 30 yuan", fineYuan: 100, now: dayAfter(25), lateDays: 10, surchargeYuan: 30 },
  { name: "R-FEE-1 floors the surcharge to whole yuan: 3% of 50 → 1 yuan", fineYuan: 50, now: dayAfter(16), lateDays: 1, surchargeYuan: 1 },
  { name: "R-FEE-1 stays below the cap after 33 late days: 99% of 200 → 198", fineYuan: 200, now: dayAfter(48), lateDays: 33, surchargeYuan: 198 },
  { name: "R-FEE-1 caps the surcharge at the fine after 34 late days", fineYuan: 200, now: dayAfter(49), lateDays: 34, surchargeYuan: 200 },
  { name: "R-FEE-1 keeps the cap a year later", fineYuan: 150, now: dayAfter(400), lateDays: 385, surchargeYuan: 150 },
  { name: "R-FEE-1 charges nothing for a warning", fineYuan: 0, now: dayAfter(100), lateDays: 85, surchargeYuan: 0 },
];

describe("amountPayable", () => {
  it.each(cases)("$name", ({ fineYuan, now, lateDays, surchargeYuan }) => {
    const amount = amountPayable({ fineYuan, decidedAt: DECIDED, now });
    expect(amount).toEqual({
      fineYuan,
      lateDays,
      surchargeYuan,
      feeYuan: 0,
      totalYuan: fineYuan + surchargeYuan,
      surchargeFen: surchargeYuan * 100,
      totalFen: (fineYuan + surchargeYuan) * 100,
    });
  });

  it("R-FEE-1 counts CST calendar days: 23:59 decision, next day 00:00 is day 1", () => {
    expect(amountPayable({ fineYuan: 100, decidedAt: DECIDED, now: cst("2024-03-17T23:59:59") }).lateDays).toBe(1);
    expect(amountPayable({ fineYuan: 100, decidedAt: DECIDED, now: cst("2024-03-16T23:59:59") }).lateDays).toBe(0);
  });

  it("R-FEE-1 does not count days suspended by reconsideration or litigation", () => {
    expect(amountPayable({ fineYuan: 100, decidedAt: DECIDED, now: dayAfter(25), suspendedDays: 10 }).lateDays).toBe(0);
  });
});
