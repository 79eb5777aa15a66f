import { describe, expect, it } from "vitest";
import { POINT_TIERS, isValidPoints } from "./points";

describe("point tiers (163号令 §7)", () => {
  it.each([
    [12, true], [9, true], [6, true], [3, true], [1, true], [0, true],
    [2, false], [4, false], [13, false], [-1, false], [1.5, false],
  ])("%d points is valid: %s", (points, valid) => {
    expect(isValidPoints(points)).toBe(valid);
  });

  it("lists the tiers from highest to none", () => {
    expect(POINT_TIERS).toEqual([12, 9, 6, 3, 1, 0]);
  });
});
