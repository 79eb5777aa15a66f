/**
 * The `/internal/messages` endpoint as a plain function, so any HTTP host can mount it (the
 * service-kit host, a test server). Status codes are what the relay acts on: only 2xx is an
 * acknowledgement; everything else is retried with backoff.
 */
import { isAppFault } from "@jg/errors";
import { authenticateService, TokenError, type KeyDirectory, type Signer } from "@jg/identity";
import type { Clock, Db, Route } from "@jg/service-kit";
import { MESSAGES_PATH, parseMessage, type HandoffMessage, type HandoffMessageType, type MessageOf } from "./contract";
import { receive, type MessageHandler, type ReceiveOutcome } from "./inbox";

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
  /** The receiver's injected clock reading (token expiry and inbox time). */
  now: Date;
  /** Called with a handler failure (answered 500 with a generic message). */
  onError?: (err: unknown, message: HandoffMessage) => void;
}

export interface MessagesResponse {
  status: number;
  json: { outcome: ReceiveOutcome; messageId: string } | { error: string };
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

/**
 * Authenticates, validates and processes one message. 401 bad or missing service token; 400 invalid
 * message; 403 a sender that is not the shard of the violation's province ({@link senderMay}); 422 a type this service has no handler for (kept retrying by the sender, so a deployment
 * that adds the handler still gets it); 500 handler failure (rolled back); 200 processed or duplicate.
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
    handler: (req) => {
      const auth = req.headers.authorization;
      const authHeader = Array.isArray(auth) ? auth[0] : auth;
      return handleMessagesRequest({ ...options, body: req.body, authHeader, now: options.clock.now() });
    },
  };
}
