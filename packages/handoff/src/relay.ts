/**
 * The outbox relay (docs/design.md §4): delivers committed outbox rows to their destination's
 * `/internal/messages` until acknowledged (2xx), with backoff between attempts.
 *
 * Claiming: a short transaction selects deliverable rows `FOR UPDATE SKIP LOCKED` and puts a wall-clock
 * lease on them, then commits; sending happens outside any transaction. Two relays therefore never send
 * one row at once, and no database lock is held across HTTP (on PGlite, where a transaction blocks the
 * whole connection, two services relaying to each other would otherwise deadlock). A relay that dies
 * mid-send leaves a lease that expires after `leaseMs`; the row is then sent again and the receiver's
 * inbox discards the duplicate.
 *
 * Ordering: a row is deliverable only when no earlier undelivered row exists for the same destination
 * and ordering key (the violation ID), so "handled" never overtakes "recorded", even when the earlier
 * one is backing off or held by another relay.
 *
 * Business time (created_at, available_at, the delivery delay of R-SYNC-1) is on the injected clock;
 * only the lease, which is about process liveness, is on the wall clock.
 */
import { bearer, signServiceToken, type ServiceSigner } from "@jg/identity";
import { systemClock, type Clock, type Db } from "@jg/service-kit";
import { and, asc, count, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Logger } from "pino";
import { Agent, request, type Dispatcher } from "undici";
import { backoffDelay, type BackoffOptions } from "./backoff";
import { MESSAGES_PATH } from "./contract";
import { outbox, type OutboxRow } from "./tables";

/** Where each destination lives: a map of name → { url, audience? } or a function name → URL. */
export type Destinations = Record<string, { url: string; audience?: string }> | ((destination: string) => string | undefined);

export interface OutboxRelayOptions<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  destinations: Destinations;
  /** This service's own key: its service tokens name it as the sender. */
  signer: ServiceSigner;
  /** The injected business clock. */
  clock: Clock;
  /** R-SYNC-1: a message becomes deliverable only at created_at + this delay (ms); default 0. */
  deliveryDelayMs?: number;
  /** Rows claimed per batch; default 50. */
  batchSize?: number;
  /** Retry spacing; defaults in {@link BackoffOptions}. */
  backoff?: BackoffOptions;
  /** Pause between polls when the last batch was not full (real ms); default 250. */
  pollIntervalMs?: number;
  /** How long a claimed row stays reserved for this relay (wall ms); default 30 000. */
  leaseMs?: number;
  /** Per-request timeout (ms); default 10 000. Keep well below `leaseMs`. */
  timeoutMs?: number;
  logger?: Logger;
  /** undici dispatcher; default a keep-alive Agent owned by the relay (closed by `stop()`). */
  dispatcher?: Dispatcher;
  /** Clock for leases; default the system clock. */
  wallClock?: Clock;
  /** Random source for jitter; default Math.random. */
  random?: () => number;
  /**
   * Fault injection (simulations only): asked once per delivery attempt. "request" loses the message
   * on the way (never sent); "answer" sends it and loses the acknowledgement. Either way the attempt
   * counts as failed and is retried with backoff. Default: nothing is lost.
   */
  lossInTransit?: (row: OutboxRow) => "request" | "answer" | undefined;
}

export interface RelayStats {
  /** Messages acknowledged by their destination. */
  delivered: number;
  /** Failed attempts (each retried later). */
  failed: number;
  /** Delay from deliverable (created_at + delivery delay) to acknowledged, on the injected clock (ms). */
  lastLagMs: number;
  maxLagMs: number;
}

type SendResult = { row: OutboxRow; ok: true } | { row: OutboxRow; ok: false; error: string };

export class OutboxRelay<TSchema extends Record<string, unknown> = Record<string, unknown>> {
  private readonly db: Db<TSchema>;
  private readonly delayMs: number;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private dispatcherClosed = false;
  private readonly wall: Clock;
  private readonly counters: RelayStats = { delivered: 0, failed: 0, lastLagMs: 0, maxLagMs: 0 };
  private state: { kind: "idle" } | { kind: "running"; loop: Promise<void>; timer?: NodeJS.Timeout; wake?: () => void } = {
    kind: "idle",
  };
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxRelayOptions<TSchema>) {
    this.db = options.db;
    this.delayMs = options.deliveryDelayMs ?? 0;
    this.batchSize = options.batchSize ?? 50;
    this.pollMs = options.pollIntervalMs ?? 250;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.wall = options.wallClock ?? systemClock;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: 16 });
    if (this.delayMs < 0 || this.batchSize < 1 || this.pollMs < 0) throw new RangeError("invalid relay options");
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.dispatcherClosed) throw new Error("this relay was stopped; create a new one");
    if (this.state.kind === "running") return;
    const running: { kind: "running"; loop: Promise<void>; timer?: NodeJS.Timeout; wake?: () => void } = {
      kind: "running",
      loop: Promise.resolve(),
    };
    this.state = running;
    running.loop = this.loop(running);
  }

  /** Stops polling and waits for the batch in flight to finish. Closes the relay's own HTTP agent, so
   * a stopped relay is not restarted; create a new one. */
  async stop(): Promise<void> {
    const state = this.state;
    this.state = { kind: "idle" };
    if (state.kind === "running") {
      if (state.timer) clearTimeout(state.timer);
      state.wake?.();
      await state.loop;
    }
    await this.inFlight.catch(() => undefined);
    if (this.ownsDispatcher && !this.dispatcherClosed) {
      this.dispatcherClosed = true;
      await this.dispatcher.close();
    }
  }

  /** Counters since construction. */
  stats(): RelayStats {
    return { ...this.counters };
  }

  /** Number of undelivered messages (deliverable now or not). */
  async pending(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(outbox).where(isNull(outbox.deliveredAt));
    return row?.n ?? 0;
  }

  /** Claims and sends one batch; for tests and the simulator (the polling loop calls it too). */
  drainOnce(): Promise<{ delivered: number; failed: number }> {
    const run = this.inFlight.catch(() => undefined).then(() => this.drain());
    this.inFlight = run;
    return run;
  }

  private async loop(state: { kind: "running"; timer?: NodeJS.Timeout; wake?: () => void }): Promise<void> {
    while (this.state === state) {
      let full = false;
      try {
        const result = await this.drainOnce();
        full = result.delivered + result.failed >= this.batchSize;
      } catch (err) {
        this.options.logger?.error({ err }, "outbox relay batch failed");
      }
      if (full || this.state !== state) continue;
      await new Promise<void>((resolve) => {
        state.wake = resolve;
        state.timer = setTimeout(resolve, this.pollMs);
      });
    }
  }

  private async drain(): Promise<{ delivered: number; failed: number }> {
    const rows = await this.claim();
    if (rows.length === 0) return { delivered: 0, failed: 0 };
    const results = await Promise.all(rows.map((row) => this.send(row)));
    return this.settle(results);
  }

  private async claim(): Promise<OutboxRow[]> {
    const now = this.options.clock.now();
    const wallNow = this.wall.now();
    const earlier = alias(outbox, "earlier");
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(
          and(
            isNull(outbox.deliveredAt),
            lte(outbox.availableAt, now),
            lte(outbox.createdAt, new Date(now.getTime() - this.delayMs)),
            or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, wallNow)),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(earlier)
                .where(
                  and(
                    eq(earlier.destination, outbox.destination),
                    eq(earlier.orderingKey, outbox.orderingKey),
                    isNull(earlier.deliveredAt),
                    lt(earlier.seq, outbox.seq),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(outbox.seq))
        .limit(this.batchSize)
        .for("update", { of: outbox, skipLocked: true });
      if (rows.length > 0) {
        const leaseUntil = new Date(wallNow.getTime() + this.leaseMs);
        await tx.update(outbox).set({ leaseUntil }).where(inArray(outbox.id, rows.map((r) => r.id)));
      }
      return rows;
    });
  }

  private resolve(destination: string): { url: string; audience: string } | undefined {
    const d = this.options.destinations;
    if (typeof d === "function") {
      const url = d(destination);
      return url ? { url, audience: destination } : undefined;
    }
    const entry = Object.hasOwn(d, destination) ? d[destination] : undefined;
    return entry ? { url: entry.url, audience: entry.audience ?? destination } : undefined;
  }

  private async send(row: OutboxRow): Promise<SendResult> {
    const target = this.resolve(row.destination);
    if (!target) return { row, ok: false, error: `unknown destination ${row.destination}` };
    const loss = this.options.lossInTransit?.(row);
    if (loss === "request") return { row, ok: false, error: "lost in transit (fault injection)" };
    try {
      const token = await signServiceToken(target.audience, this.options.signer, this.options.clock.now());
      const res = await request(new URL(MESSAGES_PATH, target.url), {
        method: "POST",
        dispatcher: this.dispatcher,
        headers: { "content-type": "application/json", authorization: bearer(token) },
        body: JSON.stringify(row.payload),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await res.body.text();
      if (loss === "answer") return { row, ok: false, error: `acknowledgement (HTTP ${res.statusCode}) lost in transit (fault injection)` };
      if (res.statusCode >= 200 && res.statusCode < 300) return { row, ok: true };
      return { row, ok: false, error: `HTTP ${res.statusCode}: ${text.slice(0, 300)}` };
    } catch (err) {
      return { row, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }

  private async settle(results: SendResult[]): Promise<{ delivered: number; failed: number }> {
    const now = this.options.clock.now();
    const delivered = results.filter((r) => r.ok).map((r) => r.row);
    if (delivered.length > 0) {
      await this.db
        .update(outbox)
        .set({ deliveredAt: now, leaseUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
        .where(inArray(outbox.id, delivered.map((r) => r.id)));
      for (const row of delivered) {
        const lag = Math.max(0, now.getTime() - (row.createdAt.getTime() + this.delayMs));
        this.counters.lastLagMs = lag;
        this.counters.maxLagMs = Math.max(this.counters.maxLagMs, lag);
      }
      this.counters.delivered += delivered.length;
    }
    let failed = 0;
    for (const result of results) {
      if (result.ok) continue;
      failed += 1;
      const attempts = result.row.attempts + 1;
      const retryAt = new Date(now.getTime() + backoffDelay(attempts, this.options.backoff, this.options.random));
      await this.db
        .update(outbox)
        .set({ attempts, availableAt: retryAt, lastError: result.error, leaseUntil: null })
        .where(eq(outbox.id, result.row.id));
      this.options.logger?.warn(
        { outboxId: result.row.id, destination: result.row.destination, attempts, retryAt, error: result.error },
        "outbox delivery failed",
      );
    }
    this.counters.failed += failed;
    return { delivered: delivered.length, failed };
  }
}
