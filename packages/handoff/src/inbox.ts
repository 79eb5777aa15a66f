/**
 * The receiving side (docs/design.md §4): every message is recorded in the inbox by its ID in the same
 * transaction as its effects, so a redelivered message is recognised and ignored, and a failed
 * handler rolls back its inbox row too, leaving the sender to retry.
 */
import type { Db } from "@jg/service-kit";
import { sql, type SQL } from "drizzle-orm";
import type { HandoffMessage } from "./contract";
import { inbox } from "./tables";

/** A handler runs inside the receiving transaction: write only through `tx`. */
export type MessageHandler<TSchema extends Record<string, unknown>, M extends HandoffMessage = HandoffMessage> = (
  tx: Db<TSchema>,
  message: M,
) => Promise<void>;

export type ReceiveOutcome = "processed" | "duplicate";

/**
 * The inbox row of `message` as a statement to put in a WITH clause (issue 12, one statement per message):
 * `insert into inbox … select … where <when> on conflict (message_id) do nothing returning message_id`,
 * so it returns a row exactly when the message is new (and `when` holds).
 */
export type InboxInsert = (when: SQL) => SQL;

/**
 * Applies one message and records it in the inbox in ONE statement, without a transaction (issue 12: the
 * BEGIN, the inbox insert and the COMMIT were three of a message's four statements at the home platform).
 * The statement must contain `inboxInsert(when)` as a CTE and write its effects only when that CTE returned
 * a row; it answers "processed" (new, applied), "duplicate" (already in the inbox, nothing written) or
 * "declined" (`when` was false: nothing written, the message then takes the ordinary path, e.g. when
 * its effects need more than one statement). Its effect must be the per-message handler's.
 */
export type InboxedHandler<TSchema extends Record<string, unknown>, M extends HandoffMessage = HandoffMessage> = (
  db: Db<TSchema>,
  message: M,
  inboxInsert: InboxInsert,
) => Promise<ReceiveOutcome | "declined">;

/** {@link InboxInsert} for `message`, received at `receivedAt`. */
export function inboxInsertOf(message: HandoffMessage, receivedAt: Date): InboxInsert {
  return (when) =>
    sql`insert into ${inbox} (message_id, type, source, received_at) select ${message.messageId}, ${message.type}, ${message.source}, ${receivedAt.toISOString()}::timestamptz where ${when} on conflict (message_id) do nothing returning message_id`;
}

/**
 * Records `message` in the inbox and runs its handler inside the caller's transaction (or savepoint):
 * "duplicate" and nothing runs if the inbox already holds it. The caller rolls back on a throw.
 */
export async function receiveIn<TSchema extends Record<string, unknown>>(
  tx: Db<TSchema>,
  message: HandoffMessage,
  handler: MessageHandler<TSchema>,
  receivedAt: Date,
): Promise<ReceiveOutcome> {
  const inserted = await tx
    .insert(inbox)
    .values({ messageId: message.messageId, type: message.type, source: message.source, receivedAt })
    .onConflictDoNothing({ target: inbox.messageId })
    .returning({ messageId: inbox.messageId });
  if (inserted.length === 0) return "duplicate";
  await handler(tx, message);
  return "processed";
}

/**
 * Processes one message exactly once: records its ID in the inbox and runs the handler, in one
 * transaction. A message already in the inbox is a "duplicate" and nothing runs.
 * @param receivedAt the receiver's injected clock; default now.
 * @throws whatever the handler throws (and nothing is recorded).
 */
export async function receive<TSchema extends Record<string, unknown>>(
  db: Db<TSchema>,
  message: HandoffMessage,
  handler: MessageHandler<TSchema>,
  receivedAt: Date = new Date(),
): Promise<ReceiveOutcome> {
  return db.transaction((tx) => receiveIn(tx, message, handler, receivedAt));
}
