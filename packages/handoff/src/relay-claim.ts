/**
 * Claiming deliverable outbox rows (see relay.ts): one statement selects them `FOR UPDATE SKIP LOCKED`,
 * in order per destination and ordering key, and puts a wall-clock lease on them (`UPDATE … WHERE id IN
 * (SELECT … FOR UPDATE SKIP LOCKED) RETURNING *`). It was a transaction of BEGIN, SELECT, UPDATE, COMMIT:
 * the single statement is as atomic, and an idle relay's poll is one round trip instead of three
 * (issue 11: idle polls of eight outboxes were most of the PostgreSQL server's idle CPU).
 *
 * The statement is built once per database handle and prepared (issue 12: drizzle building it, with its
 * subquery, on every poll was most of a shard's CPU in the claim), its times and batch size as placeholders.
 */
import { preparedOnce, textArray, type Db } from "@jg/service-kit";
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

/** `placeholder::timestamptz`: an instant passed as its ISO text (the same on both engines' drivers). */
const instant = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;

function buildClaim<TSchema extends Record<string, unknown>>(db: Db<TSchema>) {
  const earlier = alias(outbox, "earlier");
  const deliverable = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.deliveredAt),
        lte(outbox.availableAt, instant("now")),
        lte(outbox.createdAt, instant("createdBy")),
        or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, instant("wallNow"))),
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
    .limit(sql.placeholder("batchSize"))
    .for("update", { of: outbox, skipLocked: true });
  return db
    .update(outbox)
    .set({ leaseUntil: sql`${instant("leaseUntil")}` })
    .where(inArray(outbox.id, deliverable))
    .returning()
    .prepare("outbox_claim");
}

/** Claims up to `batchSize` deliverable rows for `leaseMs` of wall time. */
export async function claimDeliverable<TSchema extends Record<string, unknown>>(db: Db<TSchema>, o: ClaimOptions): Promise<OutboxRow[]> {
  const { now, wallNow } = o;
  const rows = await preparedOnce(db, "outbox_claim", buildClaim).execute({
    now: now.toISOString(),
    createdBy: new Date(now.getTime() - o.delayMs).toISOString(),
    wallNow: wallNow.toISOString(),
    leaseUntil: new Date(wallNow.getTime() + o.leaseMs).toISOString(),
    batchSize: o.batchSize,
  });
  // RETURNING keeps no order: the relay sends in seq order.
  return rows.sort((a, b) => a.seq - b.seq);
}

/**
 * Gives up this relay's leases on `rows` (leased to it, not sent): each becomes claimable at once instead of
 * when its lease expires. A row whose lease is no longer the one it was given (expired and claimed by another
 * relay meanwhile) or that was delivered keeps what it has. Returns how many leases were given up.
 */
export async function releaseLeases<TSchema extends Record<string, unknown>>(db: Db<TSchema>, rows: readonly OutboxRow[]): Promise<number> {
  const held = rows.filter((row): row is OutboxRow & { leaseUntil: Date } => row.leaseUntil !== null);
  if (held.length === 0) return 0;
  const released = await db
    .update(outbox)
    .set({ leaseUntil: null })
    .where(
      sql`(${outbox.id}, ${outbox.leaseUntil}) in (select * from unnest(${textArray(held.map((row) => row.id))}::uuid[], ${textArray(held.map((row) => row.leaseUntil.toISOString()))}::timestamptz[])) and ${outbox.deliveredAt} is null`,
    )
    .returning({ id: outbox.id });
  return released.length;
}
