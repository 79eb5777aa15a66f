import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cstMidnight } from "./cst";
import { inMaintenanceWindow } from "./window";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const cstDay = fc
  .record({ year: fc.integer({ min: 1992, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map((date) => cstMidnight(date));

describe("maintenance window properties", () => {
  it("R-MNT-1 covers exactly 3 hours (180 whole minutes) of every local day", () => {
    fc.assert(
      fc.property(cstDay, (midnight) => {
        let closed = 0;
        for (let minute = 0; minute < 24 * 60; minute += 1) {
          const start = midnight.getTime() + minute * MINUTE;
          const inside = inMaintenanceWindow(new Date(start));
          // The answer is the same for the whole minute, so counting minutes counts time.
          expect(inMaintenanceWindow(new Date(start + MINUTE - 1))).toBe(inside);
          if (inside) closed += 1;
        }
        expect(closed).toBe(180);
      }),
      { numRuns: 40 },
    );
  });

  it("R-MNT-1 gives the same answer at the same time on every day", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -4000, max: 4000 }), (ms, days) => {
        expect(inMaintenanceWindow(new Date(ms + days * DAY))).toBe(inMaintenanceWindow(new Date(ms)));
      }),
    );
  });
});
