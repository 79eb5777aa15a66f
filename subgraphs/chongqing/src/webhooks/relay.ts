/**
 * The webhook relay (issue 18): sends the webhook outbox (`webhook_deliveries`) to the partners'
 * endpoints, signed, at least once. Claiming follows the handoff relay (@jg/handoff relay.ts, docs/design.md
 * §4): one statement selects due rows `FOR UPDATE SKIP LOCKED` and leases them on the wall
 * clock (claim.ts), and HTTP happens outside any transaction, so two relays never send one row at once and a
 * relay that dies mid-send leaves a lease that expires (the receiver deduplicates the resend by event
 * ID). Events about one violation reach one endpoint in order while none has FAILED (a replayed one
 * arrives after the later ones; packages/webhooks README). Retry spacing is service-kit's
 * `backoffDelay`; after `maxAttempts` failed attempts in a row a delivery is FAILED, kept in the log
 * and replayable. Every attempt is logged with its status code and duration.
 *
 * Business time (created_at, available_at) is on the injected clock; the lease and the signature's
 * timestamp are on the wall clock, since the receiver checks the timestamp against its own clock.
 *
 * With `publicOnly` (production) a receiver at an internal address is refused at each connection
 * (public-address.ts): the attempt fails like an unreachable one and is logged with the reason.
 *
 * At rest the relay backs off (service-kit's IdlePoller: up to 8 × the poll interval) and the platform's inbox
 * wakes it when handoff messages commit, since they are what enqueue deliveries (issue 12).
 */
import { backoffDelay, IdlePoller, jsonInsert, jsonUpdate, systemClock, type BackoffOptions, type Clock } from "@jg/service-kit";
import { DELIVERY_ID_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader } from "@jg/webhooks";
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { fetch, type Dispatcher } from "undici";
import type { PlatformDb } from "../db/database";
import { webhookAttempts, webhookDeliveries } from "../db/schema";
import { claimDeliveries, type ClaimedDelivery } from "./claim";
import { signingSecrets } from "./endpoint.service";
import { publicOnlyDispatcher, refuseLiteralHost } from "./public-address";

export interface WebhookRelayOptions {
  db: PlatformDb;
  /** The injected business clock. */
  clock: Clock;
  /** Opens the sealed signing secrets (the platform's CODE_SECRET). */
  codeSecret: string;
  /** Retry spacing; default base 1 s, cap 1 h, jitter 0.2. */
  backoff?: BackoffOptions;
  /** Failed attempts in a row before a delivery is FAILED; default 12 (about 1 h 8 min of retries at the defaults). */
  maxAttempts?: number;
  /** Rows claimed per batch; default 20. */
  batchSize?: number;
  /** Pause between polls when the last batch was not full (real ms); default 500. */
  pollIntervalMs?: number;
  /** Longest pause while polls find nothing (doubling from `pollIntervalMs`); default `pollIntervalMs` × 8. */
  maxIdleMs?: number;
  /** Wall-clock lease of a claimed row; default 30 000 ms. */
  leaseMs?: number;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Wall clock for leases and signature timestamps; default the system clock. */
  wallClock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** Production: only public receiver addresses, checked on the address each connection uses (default false). */
  publicOnly?: boolean;
}

type Claimed = ClaimedDelivery;
type Outcome = { claimed: Claimed; attemptedAt: Date; statusCode: number | null; error: string | null; durationMs: number };

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 3_600_000, jitter: 0.2 };

export class WebhookRelay {
  private readonly wall: Clock;
  private poller: IdlePoller | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();
  /** With `publicOnly`, the relay's own dispatcher, made when first needed and closed by `stop()`; else undici's global one. */
  private dispatcher: Dispatcher | undefined;

  constructor(private readonly options: WebhookRelayOptions) {
    this.wall = options.wallClock ?? systemClock;
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.poller) return;
    const batch = this.options.batchSize ?? 20;
    this.poller = new IdlePoller({
      run: async () => {
        const r = await this.drainOnce();
        return { full: r.delivered + r.failed >= batch, worked: r.delivered + r.failed > 0 };
      },
      intervalMs: this.options.pollIntervalMs ?? 500,
      ...(this.options.maxIdleMs === undefined ? {} : { maxIdleMs: this.options.maxIdleMs }),
      onError: (err) => this.options.logger?.error({ err }, "webhook relay batch failed"),
    });
    this.poller.start();
  }

  /** Deliveries were written (in this process): polls soon again, however long the relay was idle. */
  nudge(): void {
    this.poller?.nudge();
  }

  /** Stops polling and waits for the batch in flight. */
  async stop(): Promise<void> {
    const poller = this.poller;
    this.poller = null;
    await poller?.stop();
    await this.inFlight.catch(() => undefined);
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    await dispatcher?.close();
  }

  /** Claims and sends one batch (the loop calls it; tests too). */
  drainOnce(): Promise<{ delivered: number; failed: number }> {
    const run = this.inFlight.catch(() => undefined).then(() => this.drain());
    this.inFlight = run;
    return run;
  }

  private async drain(): Promise<{ delivered: number; failed: number }> {
    const claimed = await this.claim();
    if (claimed.length === 0) return { delivered: 0, failed: 0 };
    const outcomes = await Promise.all(claimed.map((c) => this.send(c)));
    await this.settle(outcomes);
    const delivered = outcomes.filter((o) => o.error === null).length;
    return { delivered, failed: outcomes.length - delivered };
  }

  private claim(): Promise<Claimed[]> {
    return claimDeliveries(this.options.db, {
      now: this.options.clock.now(),
      wallNow: this.wall.now(),
      batchSize: this.options.batchSize ?? 20,
      leaseMs: this.options.leaseMs ?? 30_000,
    });
  }

  private async send(claimed: Claimed): Promise<Outcome> {
    const { delivery, endpoint } = claimed;
    const attemptedAt = this.options.clock.now();
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null): Outcome => ({ claimed, attemptedAt, statusCode, error, durationMs: Math.round(performance.now() - started) });
    try {
      const body = JSON.stringify(delivery.payload);
      const wallNow = this.wall.now();
      const secrets = signingSecrets(this.options.codeSecret, endpoint, attemptedAt);
      // A literal IP never reaches the connection's lookup: judged here (a name is judged at connect).
      const literal = this.options.publicOnly ? refuseLiteralHost(new URL(endpoint.url).hostname) : null;
      if (literal) return done(null, `refused: ${literal}`);
      // undici's fetch (keep-alive). Redirects are not followed: a 3xx is a failed
      // attempt, never a request to a second target the partner did not register.
      const res = await fetch(endpoint.url, {
        method: "POST",
        redirect: "manual",
        ...(this.options.publicOnly ? { dispatcher: (this.dispatcher ??= publicOnlyDispatcher()) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        headers: {
          "content-type": "application/json",
          "user-agent": "jg12123-webhooks/1",
          [SIGNATURE_HEADER]: signatureHeader(secrets, Math.floor(wallNow.getTime() / 1000), body),
          [EVENT_ID_HEADER]: delivery.eventId,
          [EVENT_TYPE_HEADER]: delivery.eventType,
          [DELIVERY_ID_HEADER]: delivery.id,
        },
        body,
      });
      if (res.status >= 200 && res.status < 300) {
        await res.body?.cancel();
        return done(res.status, null);
      }
      const text = await headOf(res.body, 200);
      return done(res.status, `HTTP ${res.status}${text ? `: ${text}` : ""}`);
    } catch (err) {
      // fetch's "fetch failed" names its cause (refused address, connection refused) only there.
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
      return done(null, err instanceof Error ? `${err.name}: ${err.message}${cause}` : String(err));
    }
  }

  /** Logs every attempt of the batch and records each delivery's new state: one transaction, two statements. */
  private async settle(outcomes: readonly Outcome[]): Promise<void> {
    const now = this.options.clock.now();
    const rows = outcomes.map(({ claimed: { delivery }, statusCode, error }) => {
      const ok = error === null;
      const round = delivery.roundAttempts + 1;
      const gaveUp = !ok && round >= (this.options.maxAttempts ?? 12);
      if (!ok) this.options.logger?.warn({ deliveryId: delivery.id, attempts: delivery.attempts + 1, gaveUp, error }, "webhook delivery failed");
      return {
        id: delivery.id,
        status: ok ? "DELIVERED" : gaveUp ? "FAILED" : "PENDING",
        roundAttempts: ok ? 0 : round,
        deliveredAt: ok ? now : null,
        availableAt: ok || gaveUp ? delivery.availableAt : new Date(now.getTime() + backoffDelay(round, { ...DEFAULT_BACKOFF, ...this.options.backoff }, this.options.random)),
        lastStatusCode: statusCode,
        lastError: error,
      } satisfies Partial<typeof webhookDeliveries.$inferInsert>;
    });
    const attempts = outcomes.map((o) => ({ deliveryId: o.claimed.delivery.id, attemptedAt: o.attemptedAt, statusCode: o.statusCode, error: o.error, durationMs: o.durationMs }));
    await this.options.db.transaction(async (tx) => {
      await tx.execute(jsonInsert(webhookAttempts, ["deliveryId", "attemptedAt", "statusCode", "error", "durationMs"], attempts));
      await tx.execute(
        jsonUpdate(webhookDeliveries, "id", ["id", "status", "roundAttempts", "deliveredAt", "availableAt", "lastStatusCode", "lastError"], rows, {
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          leaseUntil: sql`null`,
        }),
      );
    });
  }
}

/**
 * The first `max` characters of a receiver's answer, for the attempt log; the rest is never read (the
 * stream is cancelled), so a partner's receiver cannot make the platform hold a large body.
 */
async function headOf(body: ReadableStream<Uint8Array> | null, max: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, max);
}
