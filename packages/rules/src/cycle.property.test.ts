import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instant } from "./arbitraries";
import { cstMsOfDay } from "./cst";
import { scoringCycle } from "./cycle";

const DAY = 86_400_000;

describe("scoring cycle properties (docs/domain-facts.md §1)", () => {
  it("the cycle contains now, starts at CST midnight and lasts 365 or 366 days", () => {
    fc.assert(
      fc.property(instant, fc.nat(20 * 366 * DAY), (issued, later) => {
        const now = new Date(issued.getTime() + later);
        const { start, end } = scoringCycle(issued, now);
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime()).toBeLessThan(end.getTime());
        expect(cstMsOfDay(start)).toBe(0);
        expect([365, 366]).toContain((end.getTime() - start.getTime()) / DAY);
        // Cycles tile time: the next cycle starts where this one ends.
        expect(scoringCycle(issued, end).start).toEqual(end);
      }),
    );
  });
});
