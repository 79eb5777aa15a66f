/**
 * The `/internal/messages` endpoint as a plain function, so any HTTP host can mount it (the
 * service-kit host, a test server). Status codes are what the relay acts on: only 2xx is an
 * acknowledgement; everything else is retried with backoff.
 */
import { isAppFault } from "@jg/errors";
import { authenticateService, TokenError, type KeyDirectory, type Signer } from "@jg/identity";
import { authorizationOf, type Clock, type Db, type Route } from "@jg/service-kit";
import {
  MESSAGES_PATH,
  parseMessage,
  type HandoffMessage,
  type HandoffMessageType,
  type MessageOf,
  type MessageResult,
} from "./contract";
import { receive, type MessageHandler, type ReceiveOutcome } from "./inbox";
import { handleBatch, receiveInboxed, senderMay, type BatchMessageHandlers, type InboxedHandlers } from "./messages-batch";

/** One handler per message type this service accepts. */
export type MessageHandlers<TSchema extends Record<string, unknown>> = {
  [T in HandoffMessageType]?: MessageHandler<TSchema, MessageOf<T>>;
};

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
  /**
   * Optional: one-statement handlers ({@link InboxedHandler}, issue 12) for a message alone in its request
   * (the single form or a batch of one) in the default mode: inbox row and effects in one statement, no
   * transaction. A handler that declines (or fails) leaves the message to the ordinary path.
   */
  inboxedHandlers?: InboxedHandlers<TSchema>;
  /** The receiver's injected clock reading (token expiry and inbox time). */
  now: Date;
  /** Called with a handler failure (answered 500 with a generic message), and with a failed one-statement
   * handler ({@link inboxedHandlers}) before the ordinary path applies the message. */
  onError?: (err: unknown, message: HandoffMessage) => void;
  /** Called when a batch's one transaction failed and it is applied again message by message (the slower path). */
  onBatchFallback?: (err: unknown, size: number) => void;
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
 * Batched form `{ messages: [...] }` (1 to `MAX_MESSAGES_PER_REQUEST`): 401 as above, 400 a body
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
  if (!input.transactionPer || input.transactionPer === "batch") {
    const outcome = await receiveInboxed(input, message);
    if (outcome) return { status: 200, json: { outcome, messageId: message.messageId } };
  }
  try {
    const outcome = await receive(input.db, message, handler, input.now);
    return { status: 200, json: { outcome, messageId: message.messageId } };
  } catch (err) {
    input.onError?.(err, message);
    return { status: 500, json: { error: "handler failed" } };
  }
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
