/**
 * The receiving side (docs/design.md §4): every message is recorded in the inbox by its ID in the same
 * transaction as its effects, so a redelivered message is recognised and ignored, and a failed
 * handler rolls back its inbox row too, leaving the sender to retry.
 */
import type { Db } from "@jg/service-kit";
import type { HandoffMessage } from "./contract";
import { inbox } from "./tables";

/** A handler runs inside the receiving transaction: write only through `tx`. */
export type MessageHandler<TSchema extends Record<string, unknown>, M extends HandoffMessage = HandoffMessage> = (
  tx: Db<TSchema>,
  message: M,
) => Promise<void>;

export type ReceiveOutcome = "processed" | "duplicate";

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
