import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock";

describe("VirtualClock", () => {
  it("stays frozen until advanced, then moves by exactly the duration", () => {
    const clock = new VirtualClock("2026-01-01T00:00:00Z");
    expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    clock.advance(2 * 3600_000);
    expect(clock.now().toISOString()).toBe("2026-01-01T02:00:00.000Z");
  });

  it("refuses a negative advance", () => {
    const clock = new VirtualClock(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
