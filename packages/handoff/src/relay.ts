/**
 * The outbox relay (docs/design.md §4): delivers committed outbox rows to their destination's
 * `/internal/messages` until acknowledged (2xx), with backoff between attempts.
 *
 * Claiming: one statement selects deliverable rows `FOR UPDATE SKIP LOCKED` and puts a wall-clock
 * lease on them (`UPDATE … RETURNING`, atomic without BEGIN/COMMIT); sending happens outside any transaction. Two relays therefore never send
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
 *
 * Batching: the rows claimed in one round go to each destination in requests of up to
 * `messagesPerRequest` (default 100), the batched form of `/internal/messages`; the receiver answers
 * each message (applied, duplicate or failed) and each row is settled from its own answer, so a failed
 * message backs off alone. `messagesPerRequest: 1` sends the single-message form instead.
 *
 * Claim on enqueue (issue 12): a producer that takes `handover()` before its transaction and passes it to
 * `enqueue` gets its rows leased by the insert itself (when nothing earlier of the same destination and
 * ordering key is undelivered); `wake(handover)` after commit hands them to this relay, whose next round
 * delivers them without the claim statement. Only a running relay without a delivery delay hands out
 * handovers; rows it never gets back are claimed by the poll once their lease expires.
 *
 * Polling: service-kit's IdlePoller, as the webhook relay's: every `pollIntervalMs` while rounds find
 * work, backing off to `maxIdleMs` (default 4 × the interval: a row nobody announced, such as a retry
 * whose backoff ended, waits at most that) while they find nothing; `wake()` runs a
 * round at once.
 *
 * This file holds the relay's lifecycle (start, stop, wake); claiming is in relay-claim.ts,
 * one delivery attempt in relay-delivery.ts, recording outcomes and backoff in relay-settle.ts.
 */
import { createInternalClient, IdlePoller, systemClock, type Clock, type Db, type InternalClient } from "@jg/service-kit";
import { count, isNull } from "drizzle-orm";
import { Agent, type Dispatcher } from "undici";
import { serviceTokens } from "./client";
import { claimDeliverable } from "./relay-claim";
import { MAX_MESSAGES_PER_REQUEST } from "./contract";
import type { Handover } from "./enqueue";
import { deliver, deliverBatch } from "./relay-delivery";
import type { OutboxRelayOptions, RelayStats } from "./relay-options";
import { settleResults } from "./relay-settle";
import { outbox, type OutboxRow } from "./tables";

export type { Destinations, OutboxRelayOptions, RelayStats } from "./relay-options";

export class OutboxRelay<TSchema extends Record<string, unknown> = Record<string, unknown>> {
  private readonly db: Db<TSchema>;
  private readonly delayMs: number;
  private readonly batchSize: number;
  private readonly perRequest: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly dispatcher: Dispatcher;
  /** The relay's one internal client (on its dispatcher), with its own cache of service tokens. */
  private readonly client: InternalClient;
  private readonly ownsDispatcher: boolean;
  private dispatcherClosed = false;
  private readonly wall: Clock;
  private readonly counters: RelayStats = { delivered: 0, failed: 0, lastLagMs: 0, maxLagMs: 0 };
  private poller: IdlePoller | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();
  /** Rows leased at enqueue and handed back after their commit, for the next round. */
  private handed: OutboxRow[] = [];
  /** A wake without handed rows (or a timed round) asks for a claim; a round of handed rows alone does not. */
  private claimWanted = true;

  constructor(private readonly options: OutboxRelayOptions<TSchema>) {
    this.db = options.db;
    this.delayMs = options.deliveryDelayMs ?? 0;
    this.batchSize = options.batchSize ?? 100;
    this.perRequest = options.messagesPerRequest ?? 100;
    this.pollMs = options.pollIntervalMs ?? 250;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.wall = options.wallClock ?? systemClock;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, connections: 16 });
    this.client = createInternalClient({
      token: serviceTokens(options.signer, options.clock),
      dispatcher: this.dispatcher,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    if (this.delayMs < 0 || this.batchSize < 1 || this.pollMs < 0 || !(this.perRequest >= 1 && this.perRequest <= MAX_MESSAGES_PER_REQUEST)) throw new RangeError("invalid relay options");
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.dispatcherClosed) throw new Error("this relay was stopped; create a new one");
    if (this.poller) return;
    this.claimWanted = true;
    this.poller = new IdlePoller({
      run: async () => {
        const r = await this.runRound();
        return { full: r.claimed >= this.batchSize, worked: r.claimed > 0 };
      },
      intervalMs: this.pollMs,
      maxIdleMs: this.options.maxIdleMs ?? this.pollMs * 4,
      nudgeAtOnce: true,
      onError: (err) => this.options.logger?.error({ err }, "outbox relay batch failed"),
    });
    this.poller.start();
  }

  /** Stops polling and waits for the batch in flight to finish. Closes the relay's own HTTP agent, so
   * a stopped relay is not restarted; create a new one. */
  async stop(): Promise<void> {
    const poller = this.poller;
    this.poller = null;
    await poller?.stop();
    await this.inFlight.catch(() => undefined);
    // Rows handed over after the last round: sent now rather than left leased until their lease expires.
    if (this.handed.length > 0 && !this.dispatcherClosed) await this.runRound().catch((err: unknown) => this.options.logger?.error({ err }, "outbox relay batch failed"));
    if (this.ownsDispatcher && !this.dispatcherClosed) {
      this.dispatcherClosed = true;
      await this.dispatcher.close();
    }
  }

  /**
   * Asks a running relay for a round now rather than after its pause: called when a transaction that
   * enqueued messages has committed. A wake during a round makes another round follow it at once; the
   * pause stays the fallback for rows nobody announced (other processes, backoff ends, the delivery
   * delay), and it backs off while rounds find nothing (`maxIdleMs`). Does nothing while the relay is not running.
   * With the committed transaction's {@link handover} holding rows, the next round sends those without
   * claiming (their lease was taken by the insert); otherwise it claims as before.
   */
  wake(handover?: Handover): void {
    if (!this.poller) return;
    if (handover && handover.rows.length > 0) this.handed.push(...handover.rows.splice(0));
    else this.claimWanted = true;
    this.poller.nudge();
  }

  /**
   * A handover for one producing transaction (claim on enqueue): pass it to `enqueue` and, after commit,
   * to `wake`. Undefined (enqueue then leases nothing, and `wake()` claims as before) while the relay is not
   * running or has a delivery delay (R-SYNC-1: the rows are not deliverable at once).
   */
  handover(): Handover | undefined {
    if (!this.poller || this.delayMs > 0) return undefined;
    return { leaseUntil: new Date(this.wall.now().getTime() + this.leaseMs), rows: [] };
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

  /** Sends the rows handed over since the last round and claims and sends one batch; for tests and the simulator. */
  async drainOnce(): Promise<{ delivered: number; failed: number }> {
    this.claimWanted = true;
    const { delivered, failed } = await this.runRound();
    return { delivered, failed };
  }

  /** One round after the one in flight: the handed rows, and a claim when one is wanted. */
  private runRound(): Promise<{ delivered: number; failed: number; claimed: number }> {
    const run = this.inFlight.catch(() => undefined).then(() => this.drain());
    this.inFlight = run;
    return run;
  }

  private async drain(): Promise<{ delivered: number; failed: number; claimed: number }> {
    const handed = this.handed;
    this.handed = [];
    // A timed round (no handed rows) always claims; a round woken by handed rows alone does not.
    const claim = this.claimWanted || handed.length === 0;
    this.claimWanted = false;
    const claimed = claim
      ? await claimDeliverable(this.db, {
          now: this.options.clock.now(),
          wallNow: this.wall.now(),
          delayMs: this.delayMs,
          batchSize: this.batchSize,
          leaseMs: this.leaseMs,
        })
      : [];
    // A handed row whose lease expired before this round may have been claimed again: send it once.
    const ids = new Set(claimed.map((row) => row.id));
    const rows = handed.length === 0 ? claimed : [...handed.filter((row) => !ids.has(row.id)), ...claimed].sort((a, b) => a.seq - b.seq);
    if (rows.length === 0) return { delivered: 0, failed: 0, claimed: 0 };
    const { destinations, clock, lossInTransit } = this.options;
    const delivery = { destinations, lossInTransit, client: this.client };
    const results =
      this.perRequest === 1
        ? await Promise.all(rows.map((row) => deliver(row, delivery)))
        : (await Promise.all(requestsOf(rows, this.perRequest).map((group) => deliverBatch(group, delivery)))).flat();
    const { backoff, random, logger } = this.options;
    const settled = await settleResults(this.db, results, { clock, delayMs: this.delayMs, backoff, random, logger, counters: this.counters });
    return { ...settled, claimed: claimed.length };
  }
}

/**
 * The claimed rows as requests: per destination, in seq order, at most `perRequest` each. The claim holds
 * at most one row per destination and ordering key (see relay-claim.ts), so the requests may run in
 * parallel without one violation's messages overtaking each other.
 */
function requestsOf(rows: OutboxRow[], perRequest: number): OutboxRow[][] {
  const byDestination = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const list = byDestination.get(row.destination);
    if (list) list.push(row);
    else byDestination.set(row.destination, [row]);
  }
  const requests: OutboxRow[][] = [];
  for (const list of byDestination.values()) {
    for (let i = 0; i < list.length; i += perRequest) requests.push(list.slice(i, i + perRequest));
  }
  return requests;
}
