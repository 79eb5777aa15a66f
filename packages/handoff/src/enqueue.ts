/**
 * Writing to the outbox inside the caller's transaction: the message exists if and only if the
 * business change that produced it committed (docs/design.md §4, transactional outbox).
 */
import { preparedInTransaction } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { parseMessage, type HandoffMessage } from "./contract";
import { outbox } from "./tables";

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
}

/** The outbox insert, built once per database handle and prepared (issue 12); the columns' encoders apply to the values. */
function buildInsert(tx: Inserter) {
  return tx
    .insert(outbox)
    .values({
      destination: sql.placeholder("destination"),
      type: sql.placeholder("type"),
      orderingKey: sql.placeholder("orderingKey"),
      payload: sql.placeholder("payload"),
      createdAt: sql.placeholder("createdAt"),
      availableAt: sql.placeholder("availableAt"),
    })
    .returning({ id: outbox.id })
    .prepare("outbox_enqueue");
}

/**
 * Inserts one message into the outbox using the caller's transaction (call it with `tx`, never
 * with a fresh connection, or the message could outlive a rolled-back change). Validates the message
 * first, so nothing undeliverable is stored. Messages about one violation keep their order per
 * destination (`ordering_key` = the violation ID).
 * @returns the outbox row ID.
 */
export async function enqueue(tx: Inserter, input: EnqueueInput): Promise<string> {
  if (!input.destination) throw new RangeError("enqueue needs a destination");
  const message = parseMessage(input.message);
  const createdAt = input.createdAt ?? new Date(message.occurredAt);
  const rows = await preparedInTransaction(tx, "outbox_enqueue", buildInsert).execute({
    destination: input.destination,
    type: message.type,
    orderingKey: message.payload.violationId,
    payload: message,
    createdAt,
    availableAt: input.availableAt ?? createdAt,
  });
  const row = rows[0];
  if (!row) throw new Error("outbox insert returned no row");
  return row.id;
}
