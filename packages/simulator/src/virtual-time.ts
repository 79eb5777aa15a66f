/**
 * The simulation's view of its virtual time: the instant every service's clock was last set to, plus
 * the real time lived since (services tick with real time between moves), and the forward jumps the
 * run took instead of living through them (a latency measured across a jump is not a lived one).
 */
import type { RunningSystem } from "@jg/cluster";
import { setClocks } from "./clock";

/** A forward move of the virtual clock, epoch ms. */
export interface ClockJump {
  from: number;
  to: number;
}

/** How much of [start, end) the clock skipped by jumps (virtual ms). */
export function skippedBetween(jumps: readonly ClockJump[], start: number, end: number): number {
  let skipped = 0;
  for (const j of jumps) skipped += Math.max(0, Math.min(j.to, end) - Math.max(j.from, start));
  return skipped;
}

export class VirtualTime {
  private base: number;
  private movedAt = Date.now();
  /** Forward clock moves: the virtual spans [from, to) the run skipped instead of living through. */
  readonly jumps: ClockJump[] = [];

  constructor(start: Date) {
    this.base = start.getTime();
  }

  /** The system's current virtual time. */
  now(): Date {
    return new Date(this.base + (Date.now() - this.movedAt));
  }

  /** Moves every running service's clock to `to`; returns the instant they agreed on. */
  async set(system: RunningSystem, to: Date): Promise<Date> {
    const from = this.now().getTime();
    const at = await setClocks(system, to);
    if (at.getTime() > from) this.jumps.push({ from, to: at.getTime() });
    this.base = at.getTime();
    this.movedAt = Date.now();
    return at;
  }
}
