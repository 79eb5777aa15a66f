/** The outbox relay's options, counters and the result of one delivery attempt (see relay.ts). */
import type { ServiceSigner } from "@jg/identity";
import type { BackoffOptions, Clock, Db } from "@jg/service-kit";
import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { OutboxRow } from "./tables";

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
  /** Rows claimed per round (over all destinations); default 100. */
  batchSize?: number;
  /**
   * Messages per request to one destination (the batched form of `/internal/messages`, answered per
   * message); default 100, at most MAX_MESSAGES_PER_REQUEST. 1 sends the single-message form, one request
   * per message: for a receiver that does not accept batches yet (rolling upgrade).
   */
  messagesPerRequest?: number;
  /** Retry spacing; defaults in {@link BackoffOptions}. */
  backoff?: BackoffOptions;
  /** Pause between polls when the last batch was not full (real ms); default 250. */
  pollIntervalMs?: number;
  /** Longest pause while polls find nothing (doubling from `pollIntervalMs`, real ms); default `pollIntervalMs` × 4. */
  maxIdleMs?: number;
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

export type SendResult = { row: OutboxRow; ok: true } | { row: OutboxRow; ok: false; error: string };
