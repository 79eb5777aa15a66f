import { describe, expect, it } from "vitest";
import { provinceWindow } from "./window";

describe("provinceWindow (R-MNT-1)", () => {
  it("is Chongqing's manual window, not assumed, for 50 by default", () => {
    expect(provinceWindow("50")).toMatchObject({ from: "22:00", to: "01:00", daily: { startMinute: 1320, endMinute: 60 }, assumed: false });
  });

  it("is marked assumed for any other province, and for a configured window", () => {
    expect(provinceWindow("51")).toMatchObject({ from: "22:00", assumed: true });
    expect(provinceWindow("50", { from: "02:00", to: "04:30" })).toMatchObject({
      daily: { startMinute: 120, endMinute: 270 },
      assumed: true,
    });
  });
});
