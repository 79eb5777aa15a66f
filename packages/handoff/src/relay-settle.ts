/** Recording the outcome of a batch of delivery attempts (see relay.ts): delivered, or retried later. */
import { backoffDelay, type BackoffOptions, type Clock, type Db } from "@jg/service-kit";
import { eq, inArray, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { RelayStats, SendResult } from "./relay-options";
import { outbox } from "./tables";

export interface SettleOptions {
  clock: Clock;
  delayMs: number;
  backoff?: BackoffOptions | undefined;
  random?: (() => number) | undefined;
  logger?: Logger | undefined;
  /** Updated in place. */
  counters: RelayStats;
}

/** Marks the delivered rows and schedules each failed one's next attempt with backoff. */
export async function settleResults<TSchema extends Record<string, unknown>>(
  db: Db<TSchema>,
  results: SendResult[],
  o: SettleOptions,
): Promise<{ delivered: number; failed: number }> {
  const now = o.clock.now();
  const delivered = results.filter((r) => r.ok).map((r) => r.row);
  if (delivered.length > 0) {
    await db
      .update(outbox)
      .set({ deliveredAt: now, leaseUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(inArray(outbox.id, delivered.map((r) => r.id)));
    for (const row of delivered) {
      const lag = Math.max(0, now.getTime() - (row.createdAt.getTime() + o.delayMs));
      o.counters.lastLagMs = lag;
      o.counters.maxLagMs = Math.max(o.counters.maxLagMs, lag);
    }
    o.counters.delivered += delivered.length;
  }
  let failed = 0;
  for (const result of results) {
    if (result.ok) continue;
    failed += 1;
    const attempts = result.row.attempts + 1;
    const retryAt = new Date(now.getTime() + backoffDelay(attempts, o.backoff, o.random));
    await db
      .update(outbox)
      .set({ attempts, availableAt: retryAt, lastError: result.error, leaseUntil: null })
      .where(eq(outbox.id, result.row.id));
    o.logger?.warn(
      { outboxId: result.row.id, destination: result.row.destination, attempts, retryAt, error: result.error },
      "outbox delivery failed",
    );
  }
  o.counters.failed += failed;
  return { delivered: delivered.length, failed };
}
