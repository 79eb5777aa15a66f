/**
 * A polling schedule that backs off at rest (issue 12, idle cost), shared by the relays (the handoff
 * outbox relay, @jg/handoff; the platform's webhook relay): a batch that fills runs the next at once; one
 * that found work waits `intervalMs`; an empty one waits twice as long as the last empty one, up to
 * `maxIdleMs` (default `intervalMs` × 8). `nudge()` (rows were committed, in this process) ends the
 * back-off. By default the next batch then runs `intervalMs` after the last one started, or now if that
 * is past, so a stream of nudges polls at most once per interval (the webhook relay, nudged by every
 * handoff message the platform applies); with `nudgeAtOnce` it runs now, and a nudge during a batch
 * makes the next one follow at once (the handoff relay, nudged when a transaction that enqueued
 * messages commits).
 */
export interface IdlePollerOptions {
  /** One batch; `full` runs the next at once, `worked` waits the interval, neither backs off. */
  run: () => Promise<{ full: boolean; worked: boolean }>;
  intervalMs: number;
  maxIdleMs?: number;
  /** A nudge runs the next batch now, not one interval after the last one started (default false). */
  nudgeAtOnce?: boolean;
  onError: (err: unknown) => void;
}

export class IdlePoller {
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private sleep: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private idleMs = 0;
  private nudged = false;
  private lastStart = 0;

  constructor(private readonly options: IdlePollerOptions) {}

  start(): void {
    this.loop = this.run();
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeNow();
    await this.loop;
  }

  nudge(): void {
    this.idleMs = 0;
    this.nudged = true;
    if (this.options.nudgeAtOnce) return this.wakeNow();
    const sleep = this.sleep;
    if (!sleep) return;
    clearTimeout(sleep.timer);
    sleep.timer = setTimeout(sleep.wake, Math.max(0, this.lastStart + this.options.intervalMs - Date.now()));
  }

  private wakeNow(): void {
    const sleep = this.sleep;
    if (!sleep) return;
    clearTimeout(sleep.timer);
    sleep.wake();
  }

  private async run(): Promise<void> {
    const { intervalMs, nudgeAtOnce = false } = this.options;
    const maxIdleMs = this.options.maxIdleMs ?? intervalMs * 8;
    while (!this.stopped) {
      this.nudged = false; // this batch sees whatever was committed before it starts
      this.lastStart = Date.now();
      let result = { full: false, worked: false };
      try {
        result = await this.options.run();
      } catch (err) {
        this.options.onError(err);
      }
      if (this.stopped) return;
      if (result.full || (nudgeAtOnce && this.nudged)) continue;
      // A nudge during the batch may name rows committed after its claim: no back-off then.
      if (result.worked || this.nudged) this.idleMs = 0;
      else this.idleMs = this.idleMs === 0 ? intervalMs : Math.min(this.idleMs * 2, maxIdleMs);
      const wait = Math.max(this.idleMs, intervalMs);
      await new Promise<void>((resolve) => {
        this.sleep = { timer: setTimeout(resolve, wait), wake: resolve };
      });
      this.sleep = null;
    }
  }
}
