/**
 * The batched form of `/internal/messages` (see messages-route.ts): who may say a message, how the new
 * messages of a batch are split into runs for the batch handlers, and how a batch is applied in one
 * transaction (or per savepoint, or per message).
 */
import { isAppFault } from "@jg/errors";
import type { Signer } from "@jg/identity";
import { jsonInsert, rowsOf, type Db } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import { MAX_MESSAGES_PER_REQUEST, parseMessage, type HandoffMessage, type HandoffMessageType, type MessageOf, type MessageResult } from "./contract";
import { inboxInsertOf, receive, receiveIn, type InboxedHandler, type MessageHandler, type ReceiveOutcome } from "./inbox";
import type { HandleMessagesRequestInput, MessagesResponse } from "./messages-route";
import { inbox } from "./tables";

/**
 * Applies several new messages of one type at once inside the batch's transaction, with the same effect
 * as running that type's {@link MessageHandler} on each in order. The receiver only hands it a run of
 * consecutive messages of the batch (so the batch's order is kept) that never names one violation twice.
 */
export type BatchMessageHandler<TSchema extends Record<string, unknown>, M extends HandoffMessage = HandoffMessage> = (
  tx: Db<TSchema>,
  messages: M[],
) => Promise<void>;

/** Optional batch handlers, per message type; each type also needs its per-message handler. */
export type BatchMessageHandlers<TSchema extends Record<string, unknown>> = {
  [T in HandoffMessageType]?: BatchMessageHandler<TSchema, MessageOf<T>>;
};

/** Optional one-statement handlers per message type ({@link InboxedHandler}); each type also needs its per-message handler. */
export type InboxedHandlers<TSchema extends Record<string, unknown>> = {
  [T in HandoffMessageType]?: InboxedHandler<TSchema, MessageOf<T>>;
};

/**
 * A message alone in its request (the single form, or a batch of one, as under load where messages are
 * mostly alone) with a one-statement handler: applied and recorded in the inbox by that statement, no
 * transaction. Undefined when it declined or failed (a failure is reported to `input.onError` first): the
 * ordinary path then runs (and answers a failure).
 */
export async function receiveInboxed<TSchema extends Record<string, unknown>>(
  input: HandleMessagesRequestInput<TSchema>,
  message: HandoffMessage,
): Promise<ReceiveOutcome | undefined> {
  const inboxed = input.inboxedHandlers?.[message.type] as InboxedHandler<TSchema> | undefined;
  if (!inboxed) return undefined;
  try {
    const outcome = await inboxed(input.db, message, inboxInsertOf(message, input.now));
    return outcome === "declined" ? undefined : outcome;
  } catch (err) {
    // Nothing was written (one statement): the ordinary path applies it or answers its failure. Logged,
    // so that a persistent failure (a schema mismatch, a bug in the handler) does not go unseen.
    input.onError?.(err, message);
    return undefined;
  }
}

/**
 * Splits the new messages of a batch, in order, into runs for one call each: consecutive messages of a
 * type with a batch handler and distinct violations share a run; every other message is a run alone.
 */
export function batchRuns<M extends HandoffMessage>(messages: readonly M[], batched: (type: HandoffMessageType) => boolean): M[][] {
  const runs: M[][] = [];
  let current: M[] = [];
  let violations = new Set<string>();
  for (const message of messages) {
    const last = current[current.length - 1];
    const joins =
      last !== undefined && batched(message.type) && last.type === message.type && !violations.has(message.payload.violationId);
    if (!joins && current.length > 0) {
      runs.push(current);
      current = [];
      violations = new Set();
    }
    current.push(message);
    violations.add(message.payload.violationId);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * Whether `signer` may say `message` (issue 10 §5): only the shard of the violation's province (the
 * violation ID's first two digits) reports what happened to it, under its own name and province.
 */
export function senderMay(signer: Signer, message: HandoffMessage): boolean {
  const province = message.payload.violationId.slice(0, 2);
  return (
    signer.roles.includes("province") &&
    signer.province === province &&
    message.provinceCode === province &&
    message.source === signer.service
  );
}

const INBOX_COLUMNS = ["messageId", "type", "source", "receivedAt"] as const;

/** The messageId of an element that may not parse, for its result. */
function idOf(raw: unknown): string | null {
  const id = typeof raw === "object" && raw !== null ? (raw as { messageId?: unknown }).messageId : undefined;
  return typeof id === "string" ? id.slice(0, 128) : null;
}

/** The batched form of {@link handleMessagesRequest}, after authentication. */
export async function handleBatch<TSchema extends Record<string, unknown>>(
  input: HandleMessagesRequestInput<TSchema>,
  signer: Signer,
  raw: unknown,
): Promise<MessagesResponse> {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_MESSAGES_PER_REQUEST) {
    return { status: 400, json: { error: `messages must be a list of 1 to ${MAX_MESSAGES_PER_REQUEST} handoff messages` } };
  }
  const results: MessageResult[] = new Array(raw.length);
  const runnable: { index: number; message: HandoffMessage; handler: MessageHandler<TSchema> }[] = [];
  raw.forEach((element, index) => {
    const failed = (error: string) => (results[index] = { messageId: idOf(element), outcome: "failed", error });
    let message: HandoffMessage;
    try {
      message = parseMessage(element);
    } catch (err) {
      if (isAppFault(err)) return failed(`BAD_MESSAGE: ${err.message}`);
      throw err;
    }
    if (!senderMay(signer, message)) return failed("SENDER_NOT_PROVINCE_OF_VIOLATION");
    const handler = input.handlers[message.type] as MessageHandler<TSchema> | undefined;
    if (!handler) return failed(`NO_HANDLER: no handler for ${message.type}`);
    runnable.push({ index, message, handler });
  });
  // One message's handler failing must not undo the others: each runs in a savepoint (or, with
  // transactionPer "message", its own transaction) and is answered "failed" alone.
  const apply = async (db: Db<TSchema>, run: (typeof runnable)[number], savepoint: boolean) => {
    try {
      const outcome = savepoint
        ? await db.transaction((sp) => receiveIn(sp, run.message, run.handler, input.now))
        : await receive(db, run.message, run.handler, input.now);
      results[run.index] = { messageId: run.message.messageId, outcome: outcome === "processed" ? "applied" : "duplicate" };
    } catch (err) {
      input.onError?.(err, run.message);
      results[run.index] = { messageId: run.message.messageId, outcome: "failed", error: "HANDLER_FAILED: handler failed" };
    }
  };
  const batchFailed = (err: unknown): MessagesResponse => {
    // The batch's own transaction failed (e.g. its commit): nothing of it stands; the relay retries all.
    input.onError?.(err, runnable[0]!.message);
    return { status: 500, json: { error: "batch failed" } };
  };
  const withSavepoints = () =>
    input.db.transaction(async (tx) => {
      for (const run of runnable) await apply(tx, run, true);
    });
  const alone = runnable.length === 1 && (!input.transactionPer || input.transactionPer === "batch") ? runnable[0]! : undefined;
  const aloneOutcome = alone ? await receiveInboxed(input, alone.message) : undefined;
  if (alone && aloneOutcome) {
    results[alone.index] = { messageId: alone.message.messageId, outcome: aloneOutcome === "processed" ? "applied" : "duplicate" };
  } else if (runnable.length === 0) {
    // nothing to apply
  } else if (input.transactionPer === "message") {
    for (const run of runnable) await apply(input.db, run, false);
  } else if (input.transactionPer === "savepoint") {
    try {
      await withSavepoints();
    } catch (err) {
      return batchFailed(err);
    }
  } else {
    try {
      const outcomes = await input.db.transaction(async (tx) => {
        // One statement records the whole batch in the inbox (its rows as one JSON parameter, not one
        // parameter per cell); the handlers run for the new ones, in order.
        const inboxRows = runnable.map(({ message: m }) => ({ messageId: m.messageId, type: m.type, source: m.source, receivedAt: input.now }));
        const fresh = new Set(
          rowsOf<{ message_id: string }>(
            await tx.execute(jsonInsert(inbox, INBOX_COLUMNS, inboxRows, sql`on conflict (message_id) do nothing returning message_id`)),
          ).map((r) => r.message_id),
        );
        const out: ReceiveOutcome[] = [];
        const toApply: (typeof runnable)[number][] = [];
        for (const run of runnable) {
          if (!fresh.delete(run.message.messageId)) {
            out.push("duplicate"); // in the inbox before, or earlier in this batch
            continue;
          }
          toApply.push(run);
          out.push("processed");
        }
        const batchHandlers = input.batchHandlers ?? {};
        const handlerOf = new Map(toApply.map((run) => [run.message, run.handler]));
        for (const group of batchRuns(
          toApply.map((run) => run.message),
          (type) => batchHandlers[type] !== undefined,
        )) {
          const first = group[0]!;
          const batchHandler = batchHandlers[first.type] as BatchMessageHandler<TSchema> | undefined;
          if (batchHandler && group.length > 1) await batchHandler(tx, group);
          else for (const message of group) await handlerOf.get(message)!(tx, message);
        }
        return out;
      });
      runnable.forEach((run, i) => {
        results[run.index] = { messageId: run.message.messageId, outcome: outcomes[i] === "processed" ? "applied" : "duplicate" };
      });
    } catch (err) {
      // Something in the batch failed and nothing of it was kept: apply it again message by message.
      input.onBatchFallback?.(err, runnable.length);
      try {
        await withSavepoints();
      } catch (err) {
        return batchFailed(err);
      }
    }
  }
  return { status: 200, json: { results } };
}
