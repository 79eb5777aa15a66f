/**
 * The `/internal/messages` endpoint as a plain function, so any HTTP host can mount it (the
 * service-kit host, a test server). Status codes are what the relay acts on: only 2xx is an
 * acknowledgement; everything else is retried with backoff.
 */
import { isAppFault } from "@jg/errors";
import { authenticateService, TokenError, type KeyDirectory, type Signer } from "@jg/identity";
import { authorizationOf, type Clock, type Db, type Route } from "@jg/service-kit";
import {
  MAX_MESSAGES_PER_REQUEST,
  MESSAGES_PATH,
  parseMessage,
  type HandoffMessage,
  type HandoffMessageType,
  type MessageOf,
  type MessageResult,
} from "./contract";
import { receive, receiveIn, type MessageHandler, type ReceiveOutcome } from "./inbox";
import { inbox } from "./tables";

/** One handler per message type this service accepts. */
export type MessageHandlers<TSchema extends Record<string, unknown>> = {
  [T in HandoffMessageType]?: MessageHandler<TSchema, MessageOf<T>>;
};

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

export interface HandleMessagesRequestInput<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  /** The JSON-decoded request body. */
  body: unknown;
  /** The `authorization` header value. */
  authHeader: string | undefined;
  /** The key directory: who signed the message's service token. */
  directory: KeyDirectory;
  /** This service's name; tokens addressed elsewhere are refused. */
  audience: string;
  handlers: MessageHandlers<TSchema>;
  /**
   * Optional: a type's batch handler applies consecutive new messages of that type in one call (e.g. one
   * multi-row statement) in the default "batch" mode. The savepoint fallback after a failure, and the
   * other modes, use the per-message handlers, so a failing message is still answered alone.
   */
  batchHandlers?: BatchMessageHandlers<TSchema>;
  /** The receiver's injected clock reading (token expiry and inbox time). */
  now: Date;
  /** Called with a handler failure (answered 500 with a generic message). */
  onError?: (err: unknown, message: HandoffMessage) => void;
  /**
   * How a batch uses transactions (bench/README.md "Batched handoff delivery" measures all three):
   * - "batch" (default): the whole batch in one transaction, one commit, its inbox rows in one insert
   *   (`ON CONFLICT DO NOTHING`: a message already there, or twice in the batch, is a duplicate). Should a handler throw, that
   *   transaction is rolled back whole and the batch is applied again with a savepoint per message, so
   *   the failing message is rolled back alone and the others still apply.
   * - "savepoint": always one transaction with a savepoint per message.
   * - "message": one transaction per message.
   */
  transactionPer?: "batch" | "savepoint" | "message";
}

export interface MessagesResponse {
  status: number;
  json: { outcome: ReceiveOutcome; messageId: string } | { results: MessageResult[] } | { error: string };
}

/**
 * Whether `signer` may say `message` (issue 10 §5): only the shard of the violation's province (the
 * violation ID's first two digits) reports what happened to it, under its own name and province.
 */
function senderMay(signer: Signer, message: HandoffMessage): boolean {
  const province = message.payload.violationId.slice(0, 2);
  return (
    signer.roles.includes("province") &&
    signer.province === province &&
    message.provinceCode === province &&
    message.source === signer.service
  );
}

/** A batched request: `{ messages: [...] }` (an array, so no single message can look like one). */
function isBatch(body: unknown): body is { messages: unknown } {
  return typeof body === "object" && body !== null && "messages" in body && !("messageId" in body);
}

/**
 * Authenticates, validates and processes one message or a batch of them.
 *
 * Single-message form (the envelope itself; kept for relays that do not batch): 401 bad or missing service
 * token; 400 invalid message; 403 a sender that is not the shard of the violation's province
 * ({@link senderMay}); 422 a type this service has no handler for (kept retrying by the sender, so a
 * deployment that adds the handler still gets it); 500 handler failure (rolled back); 200 processed or
 * duplicate.
 *
 * Batched form `{ messages: [...] }` (1 to {@link MAX_MESSAGES_PER_REQUEST}): 401 as above, 400 a body
 * that is not such a list; otherwise 200 with one result per message, in order: "applied", "duplicate"
 * (already in the inbox, or earlier in this batch) or "failed" with the reason the single form would give
 * (invalid, sender not allowed, no handler, handler failed). Messages are applied in the batch's order.
 */
export async function handleMessagesRequest<TSchema extends Record<string, unknown>>(
  input: HandleMessagesRequestInput<TSchema>,
): Promise<MessagesResponse> {
  let signer: Signer;
  try {
    signer = (await authenticateService(input.authHeader, { directory: input.directory, audience: input.audience, now: input.now })).signer;
  } catch (err) {
    if (err instanceof TokenError) return { status: 401, json: { error: err.code } };
    throw err;
  }
  if (isBatch(input.body)) return handleBatch(input, signer, input.body.messages);
  let message: HandoffMessage;
  try {
    message = parseMessage(input.body);
  } catch (err) {
    if (isAppFault(err)) return { status: 400, json: { error: err.message } };
    throw err;
  }
  if (!senderMay(signer, message)) return { status: 403, json: { error: "SENDER_NOT_PROVINCE_OF_VIOLATION" } };
  const handler = input.handlers[message.type] as MessageHandler<TSchema> | undefined;
  if (!handler) return { status: 422, json: { error: `no handler for ${message.type}` } };
  try {
    const outcome = await receive(input.db, message, handler, input.now);
    return { status: 200, json: { outcome, messageId: message.messageId } };
  } catch (err) {
    input.onError?.(err, message);
    return { status: 500, json: { error: "handler failed" } };
  }
}

/** The messageId of an element that may not parse, for its result. */
function idOf(raw: unknown): string | null {
  const id = typeof raw === "object" && raw !== null ? (raw as { messageId?: unknown }).messageId : undefined;
  return typeof id === "string" ? id.slice(0, 128) : null;
}

async function handleBatch<TSchema extends Record<string, unknown>>(
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
  if (runnable.length === 0) {
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
        // One statement records the whole batch in the inbox; the handlers run for the new ones, in order.
        const fresh = new Set(
          (
            await tx
              .insert(inbox)
              .values(runnable.map(({ message: m }) => ({ messageId: m.messageId, type: m.type, source: m.source, receivedAt: input.now })))
              .onConflictDoNothing({ target: inbox.messageId })
              .returning({ messageId: inbox.messageId })
          ).map((r) => r.messageId),
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
    } catch {
      // Something in the batch failed and nothing of it was kept: apply it again message by message.
      try {
        await withSavepoints();
      } catch (err) {
        return batchFailed(err);
      }
    }
  }
  return { status: 200, json: { results } };
}

export interface MessagesRouteOptions<TSchema extends Record<string, unknown>>
  extends Omit<HandleMessagesRequestInput<TSchema>, "body" | "authHeader" | "now"> {
  /** The receiver's injected clock. */
  clock: Clock;
}

/** {@link handleMessagesRequest} as a `@jg/service-kit` route: `POST /internal/messages`. */
export function messagesRoute<TSchema extends Record<string, unknown>>(options: MessagesRouteOptions<TSchema>): Route {
  return {
    method: "POST",
    path: MESSAGES_PATH,
    handler: (req) => handleMessagesRequest({ ...options, body: req.body, authHeader: authorizationOf(req.headers), now: options.clock.now() }),
  };
}
