import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { collectAtRest, collectStartupGarbage } from "./startup-gc";

describe("collectStartupGarbage (issue 12)", () => {
  it("runs one full collection when the process exposes gc, and nothing otherwise", () => {
    const gc = vi.fn();
    expect(collectStartupGarbage(gc)).toBe(true);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(collectStartupGarbage(undefined)).toBe(false);
  });
});

describe("collectAtRest (issue 12)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const rest = (gc: () => void) => collectAtRest({ gc, quietMs: 5_000, minIntervalMs: 60_000, now: () => Date.now() });
  /** A request every `everyMs` for `forMs`. */
  const serve = async (collector: { activity(): void }, forMs: number, everyMs = 500) => {
    for (let t = 0; t < forMs; t += everyMs) {
      collector.activity();
      await vi.advanceTimersByTimeAsync(everyMs);
    }
  };

  it("collects once when requests stop for quietMs, never while they come, nothing before the first", async () => {
    const gc = vi.fn();
    const collector = rest(gc);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(gc).not.toHaveBeenCalled(); // at rest since startup: the startup collection's job
    await serve(collector, 30_000);
    expect(gc).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(gc).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(collector.collections).toBe(1);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(gc).toHaveBeenCalledTimes(1); // once per quiet period
  });

  it("collects at most once per minIntervalMs, and still collects a rest that comes sooner, once the interval is over", async () => {
    const at: number[] = [];
    const gc = vi.fn(() => void at.push(Date.now()));
    const collector = rest(gc);
    await serve(collector, 2_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(gc).toHaveBeenCalledTimes(1);
    const first = at[0]!;
    // Requests 6 s apart: each gap is quiet for longer than quietMs.
    for (let i = 0; i < 5; i++) {
      collector.activity();
      await vi.advanceTimersByTimeAsync(6_000);
    }
    expect(gc).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(first + 60_000 - Date.now() - 1);
    expect(gc).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("does nothing without gc (the process started without --expose-gc)", async () => {
    const collector = collectAtRest({ gc: undefined });
    await serve(collector, 2_000);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(collector.collections).toBe(0);
  });
});
