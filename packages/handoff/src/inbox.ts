/**
 * The receiving side (docs/design.md §4): every message is recorded in the inbox by its ID in the same
 * transaction as its effects, so a redelivered message is recognised and ignored, and a failed
 * handler rolls back its inbox row too, leaving the sender to retry.
 */
import { preparedInTransaction, type Db } from "@jg/service-kit";
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
 * so it returns a row exactly when the message is new (and `when` holds). Called, it carries the
 * message's values inline; `placeholders(when)` is the same insert with the placeholders of
 * {@link InboxValues} instead, for a statement built once (issue 12: drizzle built the handler's
 * statement for every message), run with `values`.
 */
export type InboxInsert = ((when: SQL) => SQL) & { placeholders: (when: SQL) => SQL; values: InboxValues };

/** The values of {@link InboxInsert}'s placeholders: the message's inbox row. */
type InboxValues = { inboxMessageId: string; inboxType: string; inboxSource: string; inboxReceivedAt: string };

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
  const values: InboxValues = { inboxMessageId: message.messageId, inboxType: message.type, inboxSource: message.source, inboxReceivedAt: receivedAt.toISOString() };
  const insert = (when: SQL) => inboxInsertSql(when, (name) => sql`${values[name]}`);
  return Object.assign(insert, { placeholders: (when: SQL) => inboxInsertSql(when, (name) => sql`${sql.placeholder(name)}`), values });
}

/** The inbox insert with each value given by `value` (inline or a placeholder). */
function inboxInsertSql(when: SQL, value: (name: keyof InboxValues) => SQL): SQL {
  return sql`insert into ${inbox} (message_id, type, source, received_at) select ${value("inboxMessageId")}::text, ${value("inboxType")}::text, ${value("inboxSource")}::text, ${value("inboxReceivedAt")}::timestamptz where ${when} on conflict (message_id) do nothing returning message_id`;
}

/**
 * The inbox insert of {@link receiveIn}, built once per database handle and prepared (issue 12: drizzle
 * built it for every message); the columns' encoders apply to the values.
 */
function buildReceive<TSchema extends Record<string, unknown>>(tx: Db<TSchema>) {
  return tx
    .insert(inbox)
    .values({ messageId: sql.placeholder("messageId"), type: sql.placeholder("type"), source: sql.placeholder("source"), receivedAt: sql.placeholder("receivedAt") })
    .onConflictDoNothing({ target: inbox.messageId })
    .returning({ messageId: inbox.messageId })
    .prepare("inbox_receive");
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
  const inserted = await preparedInTransaction(tx, "inbox_receive", buildReceive).execute({
    messageId: message.messageId,
    type: message.type,
    source: message.source,
    receivedAt,
  });
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
