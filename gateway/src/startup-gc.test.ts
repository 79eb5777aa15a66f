import { describe, expect, it, vi } from "vitest";
import { collectStartupGarbage } from "./startup-gc";

describe("collectStartupGarbage (issue 12)", () => {
  it("runs one full collection when the process exposes gc, and nothing otherwise", () => {
    const gc = vi.fn();
    expect(collectStartupGarbage(gc)).toBe(true);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(collectStartupGarbage(undefined)).toBe(false);
  });
});
