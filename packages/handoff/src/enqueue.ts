/**
 * Writing to the outbox inside the caller's transaction: the message exists if and only if the
 * business change that produced it committed (docs/design.md §4, transactional outbox).
 */
import { isNestedTransaction, placeholdersFor, preparedInTransaction } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { parseMessage, type HandoffMessage } from "./contract";
import { outbox, type OutboxRow } from "./tables";

/** Anything that can insert: a `Db` from `@jg/service-kit` or a drizzle transaction inside one. */
export type Inserter = Pick<PgDatabase<PgQueryResultHKT, Record<string, unknown>>, "insert">;

export interface EnqueueInput {
  /** Logical receiver ("home-platform", "province-51"): the relay maps it to a URL. */
  destination: string;
  message: HandoffMessage;
  /** Outbox creation time; default `message.occurredAt` (the producer's injected clock). The relay's
   * delivery delay (R-SYNC-1) counts from here. */
  createdAt?: Date;
  /** Earliest delivery; default `createdAt`. */
  availableAt?: Date;
  /**
   * Claim on enqueue (issue 12): the relay's {@link Handover} for this transaction
   * (`OutboxRelay.handover()`). The insert then leases the row itself when nothing earlier of the same
   * destination and ordering key is undelivered (decided in the insert statement), and adds it to
   * `handover.rows`; after commit, `relay.wake(handover)` delivers those rows without a claim statement.
   * Ignored when `availableAt` is given (a row deliverable later is left to the relay's poll), and when
   * `tx` is a nested transaction (a savepoint): a row rolled back with its savepoint while the outer
   * transaction commits must never be handed over, so only top-level inserts are.
   */
  handover?: Handover | undefined;
}

/**
 * Rows that one transaction's enqueues leased for the relay of this process (claim on enqueue, issue 12).
 * Made by `OutboxRelay.handover()` before the transaction, filled by {@link enqueue}, given back to
 * `OutboxRelay.wake(handover)` once the transaction has committed (never before: a rolled-back row must
 * not be sent). One handover per attempt of one top-level transaction: never reuse it after a failed
 * attempt (take a new one for a retry), and enqueues inside a savepoint do not fill it (see
 * {@link EnqueueInput.handover}). A leased row that is never handed back (rollback, crash, a relay stopped
 * meanwhile) is claimed by a relay's poll when its lease expires, like any row whose relay died mid-send.
 */
export interface Handover {
  /** The lease the enqueues take (wall clock). */
  readonly leaseUntil: Date;
  /** The rows leased so far, in enqueue order. */
  readonly rows: OutboxRow[];
  /** Rows enqueued with this handover that their insert could not lease (an earlier row of the same
   * destination and ordering key undelivered): `wake(handover)` then also asks for a claim. */
  unleased: number;
}


/** `placeholder::timestamptz`: an instant passed as its ISO text (null passes as null). */
const instant = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;

/**
 * The outbox insert, built once per database handle and prepared (issue 12); the columns' encoders apply
 * to the values. With a `leaseUntil` it takes the lease when no earlier row of the same destination and
 * ordering key is undelivered: the relay's claim condition (relay-claim.ts) for a row that is deliverable
 * now, decided in the same statement.
 */
function buildInsert(tx: Inserter) {
  return tx
    .insert(outbox)
    .values({
      ...placeholdersFor(outbox, ["destination", "type", "orderingKey", "payload", "createdAt", "availableAt"]),
      leaseUntil: sql`case when ${instant("leaseUntil")} is not null and not exists (
        select 1 from ${outbox} as earlier
         where earlier.destination = ${sql.placeholder("destination")} and earlier.ordering_key = ${sql.placeholder("orderingKey")}
           and earlier.delivered_at is null
      ) then ${instant("leaseUntil")} end`,
    })
    .returning({ id: outbox.id, seq: outbox.seq, leaseUntil: outbox.leaseUntil })
    .prepare("outbox_enqueue");
}

/**
 * Inserts one message into the outbox using the caller's transaction (call it with `tx`, never
 * with a fresh connection, or the message could outlive a rolled-back change). Validates the message
 * first, so nothing undeliverable is stored. Messages about one violation keep their order per
 * destination (`ordering_key` = the violation ID). With `input.handover`, the row may be leased to the
 * relay at once (see {@link EnqueueInput.handover}).
 * @returns the outbox row ID.
 */
export async function enqueue(tx: Inserter, input: EnqueueInput): Promise<string> {
  if (!input.destination) throw new RangeError("enqueue needs a destination");
  const message = parseMessage(input.message);
  const createdAt = input.createdAt ?? new Date(message.occurredAt);
  const availableAt = input.availableAt ?? createdAt;
  const handover = input.availableAt === undefined && !isNestedTransaction(tx) ? input.handover : undefined;
  const values = {
    destination: input.destination,
    type: message.type,
    orderingKey: message.payload.violationId,
    payload: message,
    createdAt,
    availableAt,
  };
  const rows = await preparedInTransaction(tx, "outbox_enqueue", buildInsert).execute({
    ...values,
    leaseUntil: handover ? handover.leaseUntil.toISOString() : null,
  });
  const row = rows[0];
  if (!row) throw new Error("outbox insert returned no row");
  if (handover && row.leaseUntil) {
    // The row as the relay would have claimed it (its payload is the message the insert stored).
    handover.rows.push({ ...values, id: row.id, seq: row.seq, leaseUntil: row.leaseUntil, attempts: 0, deliveredAt: null, lastError: null });
  } else if (input.handover) {
    input.handover.unleased += 1; // not leased here (blocked, later, or in a savepoint): the relay must claim it
  }
  return row.id;
}
