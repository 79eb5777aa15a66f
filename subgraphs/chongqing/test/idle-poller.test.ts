import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdlePoller } from "../src/webhooks/idle-poller";

/** A poller whose batches answer from `answers` (then empty), recording the fake time each one starts. */
function poller(answers: { full: boolean; worked: boolean }[] = []) {
  const starts: number[] = [];
  const p = new IdlePoller({
    run: () => {
      starts.push(Date.now());
      return Promise.resolve(answers.shift() ?? { full: false, worked: false });
    },
    intervalMs: 100,
    maxIdleMs: 800,
    onError: () => undefined,
  });
  return { p, starts };
}

describe("the webhook relay's idle back-off (issue 12)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("doubles the pause while polls find nothing, up to maxIdleMs", async () => {
    const { p, starts } = poller();
    p.start();
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 800 + 800);
    await p.stop();
    expect(starts).toEqual([0, 100, 300, 700, 1500, 2300]);
  });

  it("runs a full batch's successor at once and waits one interval after a batch that worked", async () => {
    const { p, starts } = poller([{ full: true, worked: true }, { full: false, worked: true }]);
    p.start();
    await vi.advanceTimersByTimeAsync(100 + 100);
    await p.stop();
    expect(starts).toEqual([0, 0, 100, 200]);
  });

  it("a nudge ends the back-off: the next poll is one interval after the last one started", async () => {
    const { p, starts } = poller();
    p.start();
    await vi.advanceTimersByTimeAsync(1500); // polls at 0, 100, 300, 700, 1500: now sleeping 800
    await vi.advanceTimersByTimeAsync(50);
    p.nudge();
    await vi.advanceTimersByTimeAsync(50);
    expect(starts.at(-1)).toBe(1600);
    await vi.advanceTimersByTimeAsync(100); // back-off starts over
    await p.stop();
    expect(starts).toEqual([0, 100, 300, 700, 1500, 1600, 1700]);
  });
});
