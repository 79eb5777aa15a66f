/** Recording the outcome of a batch of delivery attempts (see relay.ts): delivered, or retried later. */
import { backoffDelay, jsonUpdate, preparedOnce, textArray, type BackoffOptions, type Clock, type Db } from "@jg/service-kit";
import { sql } from "drizzle-orm";
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

/**
 * Marks rows delivered: built once per database handle and prepared (issue 12), the IDs as one uuid[]
 * parameter, so one statement text serves every batch size.
 */
function buildDelivered<TSchema extends Record<string, unknown>>(db: Db<TSchema>) {
  return db
    .update(outbox)
    .set({ deliveredAt: sql`${sql.placeholder("now")}::timestamptz`, leaseUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(sql`${outbox.id} = any(${sql.placeholder("ids")}::uuid[])`)
    .prepare("outbox_delivered");
}

/** Marks the delivered rows and schedules each failed one's next attempt with backoff: one statement each. */
export async function settleResults<TSchema extends Record<string, unknown>>(
  db: Db<TSchema>,
  results: SendResult[],
  o: SettleOptions,
): Promise<{ delivered: number; failed: number }> {
  const now = o.clock.now();
  const delivered = results.filter((r) => r.ok).map((r) => r.row);
  if (delivered.length > 0) {
    await preparedOnce(db, "outbox_delivered", buildDelivered).execute({ now: now.toISOString(), ids: textArray(delivered.map((r) => r.id)) });
    for (const row of delivered) {
      const lag = Math.max(0, now.getTime() - (row.createdAt.getTime() + o.delayMs));
      o.counters.lastLagMs = lag;
      o.counters.maxLagMs = Math.max(o.counters.maxLagMs, lag);
    }
    o.counters.delivered += delivered.length;
  }
  // Every failed row's own attempts, retry time and error, in one statement for the batch.
  const failed = results.flatMap((result) => {
    if (result.ok) return [];
    const attempts = result.row.attempts + 1;
    return [{ id: result.row.id, attempts, availableAt: new Date(now.getTime() + backoffDelay(attempts, o.backoff, o.random)), lastError: result.error, destination: result.row.destination }];
  });
  if (failed.length > 0) {
    await db.execute(jsonUpdate(outbox, "id", ["id", "attempts", "availableAt", "lastError"], failed, { leaseUntil: sql`null` }));
    for (const f of failed) {
      o.logger?.warn({ outboxId: f.id, destination: f.destination, attempts: f.attempts, retryAt: f.availableAt, error: f.lastError }, "outbox delivery failed");
    }
  }
  o.counters.failed += failed.length;
  return { delivered: delivered.length, failed: failed.length };
}
