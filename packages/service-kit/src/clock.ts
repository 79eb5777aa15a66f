/**
 * Time as a dependency (docs/design.md §5). Every time-dependent rule takes `clock.now()`; nothing in the
 * services calls `new Date()` for business time. Production uses {@link systemClock}; tests and the
 * simulator drive a {@link VirtualClock}.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that moves only when told to. `offsetMode` keeps it ticking with real time from the
 * instant it was set (useful for a running simulation where real latency should still pass);
 * by default it is frozen.
 */
export class VirtualClock implements Clock {
  private base: number;
  private setAtReal: number;

  constructor(
    start: Date | string | number,
    private readonly ticking = false,
  ) {
    this.base = new Date(start).getTime();
    this.setAtReal = Date.now();
  }

  now(): Date {
    return new Date(this.base + (this.ticking ? Date.now() - this.setAtReal : 0));
  }

  /** Jump to an absolute instant (may go backwards only in tests that explicitly want it). */
  set(to: Date | string | number): void {
    this.base = new Date(to).getTime();
    this.setAtReal = Date.now();
  }

  /** Move forward by `ms` milliseconds. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a non-negative duration, got ${ms}`);
    this.set(this.now().getTime() + ms);
    return this.now();
  }
}
