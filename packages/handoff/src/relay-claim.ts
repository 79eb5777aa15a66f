/**
 * Claiming deliverable outbox rows (see relay.ts): one statement selects them `FOR UPDATE SKIP LOCKED`,
 * in order per destination and ordering key, and puts a wall-clock lease on them (`UPDATE … WHERE id IN
 * (SELECT … FOR UPDATE SKIP LOCKED) RETURNING *`). It was a transaction of BEGIN, SELECT, UPDATE, COMMIT:
 * the single statement is as atomic, and an idle relay's poll is one round trip instead of three
 * (issue 11: idle polls of eight outboxes were most of the PostgreSQL server's idle CPU).
 */
import type { Db } from "@jg/service-kit";
import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { outbox, type OutboxRow } from "./tables";

export interface ClaimOptions {
  /** Business now (the injected clock). */
  now: Date;
  /** Wall-clock now, for leases. */
  wallNow: Date;
  delayMs: number;
  batchSize: number;
  leaseMs: number;
}

/** Claims up to `batchSize` deliverable rows for `leaseMs` of wall time. */
export async function claimDeliverable<TSchema extends Record<string, unknown>>(db: Db<TSchema>, o: ClaimOptions): Promise<OutboxRow[]> {
  const { now, wallNow } = o;
  const earlier = alias(outbox, "earlier");
  const deliverable = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.deliveredAt),
        lte(outbox.availableAt, now),
        lte(outbox.createdAt, new Date(now.getTime() - o.delayMs)),
        or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, wallNow)),
        notExists(
          db
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
    .limit(o.batchSize)
    .for("update", { of: outbox, skipLocked: true });
  const leaseUntil = new Date(wallNow.getTime() + o.leaseMs);
  const rows = await db.update(outbox).set({ leaseUntil }).where(inArray(outbox.id, deliverable)).returning();
  // RETURNING keeps no order: the relay sends in seq order.
  return rows.sort((a, b) => a.seq - b.seq);
}
