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
 * delivers them (at most `batchSize` rows per round, handed and claimed together) without the claim
 * statement unless a claim is due: asked for (a plain wake, a row its insert could not lease), none for
 * `pollIntervalMs` (a steady stream of handovers must not starve retries and follow-ups), or the previous
 * round's asked-for claim ran alongside handed rows. Only a running relay without a delivery delay hands
 * out handovers; rows it never gets back are claimed by the poll once their lease expires. `stop()` sends
 * the rows in hand (woken while it runs included) in a last round, and gives up the leases of those it
 * could not send.
 *
 * Polling: service-kit's IdlePoller, as the webhook relay's: every `pollIntervalMs` while rounds find
 * work (rows delivered, handed or claimed), backing off to `maxIdleMs` (default 4 × the interval: a row
 * nobody announced, such as a retry whose backoff ended, waits at most that) while they find nothing;
 * `wake()` runs a round at once.
 *
 * This file holds the relay's lifecycle (start, stop, wake); claiming is in relay-claim.ts,
 * one delivery attempt in relay-delivery.ts, recording outcomes and backoff in relay-settle.ts.
 */
import { createInternalClient, IdlePoller, systemClock, type Clock, type Db, type InternalClient } from "@jg/service-kit";
import { count, isNull } from "drizzle-orm";
import { Agent, type Dispatcher } from "undici";
import { serviceTokens } from "./client";
import { claimDeliverable, releaseLeases } from "./relay-claim";
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
  /**
   * Whether the next round claims even with handed rows: "wake" when a wake (or start, drainOnce, a failed
   * claim) asked for it, "rearm" after a round whose wake-asked claim ran alongside handed rows (that claim
   * may have found a follow-up blocked by one of them, which the round then delivered). A rearmed claim
   * does not rearm again; the claim at least once per `pollIntervalMs` bounds the rest.
   */
  private claimWanted: "wake" | "rearm" | null = "wake";
  /** Wall time (ms) of the last claim, for the claim at least once per poll interval. */
  private lastClaimAt = Number.NEGATIVE_INFINITY;
  /** Set at the top of `stop()`: no start, and no handover, from then on. */
  private stopping = false;
  /** Set when `stop()` has sent or given up every row in hand: a wake then takes no rows. */
  private stopped = false;
  private stopCall: Promise<void> | null = null;

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
    if (this.stopping || this.dispatcherClosed) throw new Error("this relay was stopped; create a new one");
    if (this.poller) return;
    this.claimWanted = "wake";
    this.poller = new IdlePoller({
      run: async () => {
        const r = await this.runRound();
        // Handed rows are work too (a busy relay delivering only handed rows must not back off); rows
        // left in `handed` beyond this round's bound, or a full claim, run the next round at once.
        return { full: r.full, worked: r.delivered + r.failed > 0 };
      },
      intervalMs: this.pollMs,
      maxIdleMs: this.options.maxIdleMs ?? this.pollMs * 4,
      nudgeAtOnce: true,
      onError: (err) => this.options.logger?.error({ err }, "outbox relay batch failed"),
    });
    this.poller.start();
  }

  /**
   * Stops polling and waits for the batch in flight to finish. Rows handed over before it ends (a producer's
   * transaction committing meanwhile included) are sent by a last round; those it cannot send (that round
   * failed) have their leases given up, so any relay claims them at once rather than when the lease
   * expires (`leaseMs`, 30 s by default). Closes the relay's own HTTP agent, so a stopped relay is not
   * restarted; create a new one. Later calls return the first call's promise (a second last round would
   * claim rows and send them on a closing agent).
   */
  stop(): Promise<void> {
    this.stopCall ??= this.stopOnce();
    return this.stopCall;
  }

  private async stopOnce(): Promise<void> {
    this.stopping = true;
    const poller = this.poller;
    this.poller = null;
    await poller?.stop();
    await this.inFlight.catch(() => undefined);
    // Rows handed over after the last round: sent now rather than left leased until their lease expires.
    while (this.handed.length > 0 && !this.dispatcherClosed) {
      try {
        await this.runRound();
      } catch (err) {
        this.options.logger?.error({ err }, "outbox relay batch failed");
        break;
      }
    }
    // What is still in hand was not sent: its leases are given up (if that fails too, they expire).
    const unsent = this.handed.splice(0);
    this.stopped = true;
    await releaseLeases(this.db, unsent).catch((err: unknown) => this.options.logger?.error({ err, rows: unsent.length }, "outbox relay could not give up its leases"));
    if (this.ownsDispatcher && !this.dispatcherClosed) {
      this.dispatcherClosed = true;
      await this.dispatcher.close();
    }
  }

  /**
   * Asks a running relay for a round now rather than after its pause: called when a transaction that
   * enqueued messages has committed. A wake during a round makes another round follow it at once; the
   * pause stays the fallback for rows nobody announced (other processes, backoff ends, the delivery
   * delay), and it backs off while rounds find nothing (`maxIdleMs`). Does nothing while the relay is not running,
   * except that while `stop()` runs a handover's rows go to its last round.
   * With the committed transaction's {@link handover} holding rows, the next round sends those (their lease
   * was taken by the insert) and claims only when a claim is due (see the file's comment); a plain wake, or
   * a handover with rows its inserts could not lease, asks for a claim.
   */
  wake(handover?: Handover): void {
    if (!this.poller) {
      // While stop() runs, the rows of a transaction that committed meanwhile go to its last round.
      if (this.stopping && !this.stopped && handover) this.handed.push(...handover.rows.splice(0));
      return;
    }
    const rows = handover ? handover.rows.splice(0) : [];
    if (rows.length > 0) this.handed.push(...rows);
    // A plain wake, or a transaction that enqueued a row its insert could not lease, asks for a claim.
    if (rows.length === 0 || (handover?.unleased ?? 0) > 0) this.claimWanted = "wake";
    if (handover) handover.unleased = 0;
    this.poller.nudge();
  }

  /**
   * A handover for one producing transaction (claim on enqueue): pass it to `enqueue` and, after commit,
   * to `wake`. Undefined (enqueue then leases nothing, and `wake()` claims as before) while the relay is not
   * running or has a delivery delay (R-SYNC-1: the rows are not deliverable at once).
   */
  handover(): Handover | undefined {
    if (!this.poller || this.stopping || this.delayMs > 0) return undefined;
    return { leaseUntil: new Date(this.wall.now().getTime() + this.leaseMs), rows: [], unleased: 0 };
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
    this.claimWanted = "wake";
    const { delivered, failed } = await this.runRound();
    return { delivered, failed };
  }

  /** One round after the one in flight: the handed rows, and a claim when one is wanted. */
  private runRound(): Promise<Round> {
    const run = this.inFlight.catch(() => undefined).then(() => this.drain());
    this.inFlight = run;
    return run;
  }

  private async drain(): Promise<Round> {
    const wallNow = this.wall.now();
    // Claim when asked, in a round without handed rows (a timed round), and at least once per poll
    // interval whatever is handed: under a steady stream of handovers every round has handed rows, and
    // retries whose backoff ended, follow-ups and expired leases would otherwise wait for the stream to stop.
    const wanted = this.claimWanted;
    const claim = wanted !== null || this.handed.length === 0 || wallNow.getTime() - this.lastClaimAt >= this.pollMs;
    this.claimWanted = null;
    // At most `batchSize` rows per round, handed and claimed together (the rest of `handed` waits for the
    // next round, which follows at once); a claim keeps at least half of the round when handed rows fill it,
    // but every round takes at least one handed row (batchSize 1: stop()'s last rounds would never empty them).
    const handedCap = claim && this.handed.length >= this.batchSize ? Math.max(1, Math.floor(this.batchSize / 2)) : this.batchSize;
    const handed = this.handed.splice(0, handedCap);
    const claimLimit = this.batchSize - handed.length;
    let claimed: OutboxRow[] = [];
    if (claim) {
      this.lastClaimAt = wallNow.getTime();
      try {
        claimed = await claimDeliverable(this.db, {
          now: this.options.clock.now(),
          wallNow,
          delayMs: this.delayMs,
          batchSize: claimLimit,
          leaseMs: this.leaseMs,
        });
      } catch (err) {
        // Nothing was sent: the handed rows go back for the next round, which claims again.
        this.handed.unshift(...handed);
        this.claimWanted = "wake";
        throw err;
      }
      // A claim asked by a wake that ran alongside handed rows may have found a follow-up blocked by one
      // of them (sent in this round): the next round claims once more.
      if (wanted === "wake" && handed.length > 0) this.claimWanted = "rearm";
    }
    const full = (claim && claimed.length >= claimLimit) || this.handed.length > 0 || this.claimWanted === "rearm";
    // A handed row whose lease expired before this round may have been claimed again: send it once.
    const ids = new Set(claimed.map((row) => row.id));
    const rows = handed.length === 0 ? claimed : [...handed.filter((row) => !ids.has(row.id)), ...claimed].sort((a, b) => a.seq - b.seq);
    if (rows.length === 0) return { delivered: 0, failed: 0, full };
    const { destinations, clock, lossInTransit } = this.options;
    const delivery = { destinations, lossInTransit, client: this.client };
    const results =
      this.perRequest === 1
        ? await Promise.all(rows.map((row) => deliver(row, delivery)))
        : (await Promise.all(requestsOf(rows, this.perRequest).map((group) => deliverBatch(group, delivery)))).flat();
    const { backoff, random, logger } = this.options;
    const settled = await settleResults(this.db, results, { clock, delayMs: this.delayMs, backoff, random, logger, counters: this.counters });
    return { ...settled, full };
  }
}

/** What a round did: rows delivered and failed, and whether the next round should follow at once. */
interface Round {
  delivered: number;
  failed: number;
  full: boolean;
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
