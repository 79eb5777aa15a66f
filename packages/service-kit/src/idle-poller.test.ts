import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdlePoller } from "./idle-poller";

/** A poller whose batches answer from `answers` (then empty), recording the fake time each one starts. */
function poller(answers: { full: boolean; worked: boolean }[] = [], nudgeAtOnce = false, during?: () => void) {
  const starts: number[] = [];
  const p = new IdlePoller({
    run: () => {
      starts.push(Date.now());
      during?.();
      return Promise.resolve(answers.shift() ?? { full: false, worked: false });
    },
    intervalMs: 100,
    maxIdleMs: 800,
    nudgeAtOnce,
    onError: () => undefined,
  });
  return { p, starts };
}

describe("the relays' idle back-off (issue 12): the webhook relay and the handoff outbox relay", () => {
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

  it("nudgeAtOnce (the handoff relay's wake): a nudge while pausing runs the next poll now, one during a poll makes the next follow at once", async () => {
    const { p, starts } = poller([], true);
    p.start();
    await vi.advanceTimersByTimeAsync(700); // polls at 0, 100, 300, 700: now pausing 800
    await vi.advanceTimersByTimeAsync(50);
    p.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts.at(-1)).toBe(750);
    await p.stop();
    let nudges = 1;
    const during = poller([], true, () => {
      if (nudges-- > 0) during.p.nudge();
    });
    during.p.start();
    await vi.advanceTimersByTimeAsync(0);
    await during.p.stop();
    expect(during.starts).toEqual([750, 750]);
  });
});
