/**
 * The wire contract between services (docs/design.md §4): the four handoff messages a province sends the
 * home platform through the outbox, and the home platform's internal API (authorize / release).
 * Every message is an envelope `{ messageId, type, occurredAt, source, provinceCode, payload }`; the
 * facts live under `payload` because a violation has its own `occurredAt` and capture `source`, which
 * must not collide with the envelope's (when the message was produced, by which service).
 */
import { z } from "zod";
import { badUserInput, parsedInput } from "@jg/errors";

const isoInstant = z.iso.datetime({ offset: true });
const provinceCode = z.string().regex(/^\d{2}$/, "province code is two digits");
/** 16 digits; the first two are the occurrence province (docs/design.md §3, keys and routing). */
const violationId = z.string().regex(/^\d{16}$/, "violation ID is 16 digits");
const id = z.string().trim().min(1).max(128);
const yuan = z.number().int().nonnegative();
/** Points of one violation: 0 to 12 (a single violation can score at most 12). */
const points = z.number().int().min(0).max(12);
export const captureSourceSchema = z.enum(["CAMERA", "ON_SITE"]);

export const violationRecordedPayload = z.object({
  violationId,
  provinceCode,
  plate: id,
  plateType: id,
  code: id,
  descriptionZh: z.string().min(1),
  descriptionEn: z.string().min(1),
  location: z.string().min(1),
  occurredAt: isoInstant,
  source: captureSourceSchema,
  fineYuan: yuan,
  points,
  warningOnly: z.boolean(),
  recordedAt: isoInstant,
});

export const violationHandledPayload = z.object({
  violationId,
  handlingId: id,
  decisionNumber: id,
  accountId: id,
  handledAt: isoInstant,
  /** Deadline for payment (R-PAY-1: handledAt + 2 h). */
  payBy: isoInstant,
  points,
  fineYuan: yuan,
});

export const violationPaidPayload = z.object({
  violationId,
  handlingId: id,
  paymentId: id,
  channel: id,
  amountYuan: yuan,
  paidAt: isoInstant,
  points,
});

export const violationRevertedPayload = z.object({
  violationId,
  handlingId: id,
  revertedAt: isoInstant,
  /** R-PAY-1: unpaid 2 hours after handling. */
  reason: z.literal("PAYMENT_DEADLINE"),
});

const envelope = {
  messageId: z.uuid(),
  occurredAt: isoInstant,
  /** Name of the producing service, e.g. "province-51". */
  source: id,
  provinceCode,
};

export const violationRecordedMessage = z.object({
  ...envelope,
  type: z.literal("violation.recorded"),
  payload: violationRecordedPayload,
});
export const violationHandledMessage = z.object({
  ...envelope,
  type: z.literal("violation.handled"),
  payload: violationHandledPayload,
});
export const violationPaidMessage = z.object({ ...envelope, type: z.literal("violation.paid"), payload: violationPaidPayload });
export const violationRevertedMessage = z.object({
  ...envelope,
  type: z.literal("violation.reverted"),
  payload: violationRevertedPayload,
});

export const handoffMessageSchema = z.discriminatedUnion("type", [
  violationRecordedMessage,
  violationHandledMessage,
  violationPaidMessage,
  violationRevertedMessage,
]);

export type HandoffMessage = z.infer<typeof handoffMessageSchema>;
export type HandoffMessageType = HandoffMessage["type"];
/** The message of one type, e.g. `MessageOf<"violation.paid">`. */
export type MessageOf<T extends HandoffMessageType> = Extract<HandoffMessage, { type: T }>;
export type ViolationRecorded = MessageOf<"violation.recorded">;
export type ViolationHandled = MessageOf<"violation.handled">;
export type ViolationPaid = MessageOf<"violation.paid">;
export type ViolationReverted = MessageOf<"violation.reverted">;
export const HANDOFF_MESSAGE_TYPES = handoffMessageSchema.options.map((o) => o.shape.type.value);

/**
 * Parses a received message (already JSON-decoded, or a JSON string).
 * @throws {AppFault} BAD_USER_INPUT naming the invalid fields.
 */
export function parseMessage(json: unknown): HandoffMessage {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw badUserInput("message is not JSON", err);
    }
  }
  return parsedInput(handoffMessageSchema, value, { subject: "message", context: "handoff message" });
}

export interface BuildMessageInput<T extends HandoffMessageType> {
  type: T;
  source: string;
  provinceCode: string;
  /** When the message was produced: the injected clock's now. */
  occurredAt: Date | string;
  payload: MessageOf<T>["payload"];
  /** Default a fresh random UUID. Pass one to make the producing operation idempotent. */
  messageId?: string;
}

/** Builds and validates a message, so a sender never enqueues what a receiver would refuse. */
export function buildMessage<T extends HandoffMessageType>(input: BuildMessageInput<T>): MessageOf<T> {
  const occurredAt = typeof input.occurredAt === "string" ? input.occurredAt : input.occurredAt.toISOString();
  return parseMessage({ ...input, occurredAt, messageId: input.messageId ?? crypto.randomUUID() }) as MessageOf<T>;
}

// ---------------------------------------------------------------------------------------------------
// The home platform's internal API (docs/design.md §4 step 2). Not part of the public supergraph.

/** Service name of the Chongqing home platform: the audience of tokens sent to it. */
export const HOME_PLATFORM_SERVICE = "home-platform";
/** Service name of one province shard, e.g. `provinceServiceName("51")` → "province-51". */
export function provinceServiceName(code: string): string {
  return `province-${code}`;
}

export const AUTHORIZE_PATH = "/internal/authorize";
export const RELEASE_PATH = "/internal/release";
export const MESSAGES_PATH = "/internal/messages";

export const authorizeRequestSchema = z.object({
  /** The province's handling ID: the home platform reserves points under it, idempotently. */
  handlingId: id,
  accountId: id,
  violation: z.object({
    id: violationId,
    provinceCode,
    plate: id,
    plateType: id,
    code: id,
    occurredAt: isoInstant,
    source: captureSourceSchema,
    fineYuan: yuan,
    points,
    warningOnly: z.boolean(),
  }),
  requestedAt: isoInstant,
  /**
   * Judge first whether the account may see the violation (the viewer check of `/internal/access`, same
   * relations and instant, docs/design.md §8): when it may not, the answer is `{ approved: false,
   * visible: false }` and nothing is written; when it may, the usual answer carries `visible: true`. A shard
   * sets it to save its separate access call (issue 12). Absent or false: the answer has no `visible`. A
   * platform that does not know the flag ignores it (its answer then has no `visible`).
   */
  checkViewer: z.boolean().optional(),
});
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

export const denialSchema = z.object({
  code: z.string().min(1),
  ruleId: z.string().min(1),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type WireDenial = z.infer<typeof denialSchema>;

/** Present (true) on the answers to a request with `checkViewer`: the account may see the violation. */
const visibleToViewer = z.literal(true).optional();

/**
 * Approved (points reserved), denied (the rules' reasons), or **voided**: the handling ID was already
 * settled (released, possibly before any reservation: a "void", or paid), so it is never approved again
 * and the province must ask under a fresh handling ID (docs/design.md §4, ambiguous authorize). To a
 * request with `checkViewer`, also **hidden**: the account may not see the violation, nothing was decided
 * or written, and the province answers as for an unknown violation; the other answers then carry
 * `visible: true`.
 */
export const authorizeResponseSchema = z.union([
  z.object({
    approved: z.literal(true),
    reservationId: id,
    licenceNumber: id,
    /** Points on the licence before this handling, and points already reserved by other handlings. */
    pointsBefore: z.number().int().min(0),
    reservedBefore: z.number().int().min(0),
    visible: visibleToViewer,
  }),
  z.object({ approved: z.literal(false), denials: z.array(denialSchema).min(1), visible: visibleToViewer }),
  z.object({ approved: z.literal(false), voided: z.literal(true), visible: visibleToViewer }),
  z.object({ approved: z.literal(false), visible: z.literal(false) }),
]);
export type AuthorizeResponse = z.infer<typeof authorizeResponseSchema>;
/** The answer to a `checkViewer` request whose account may not see the violation. */
export type HiddenAuthorizeResponse = Extract<AuthorizeResponse, { visible: false }>;
/** The answer that nothing was decided because the account may not see the violation (`checkViewer`). */
export const HIDDEN_FROM_VIEWER: HiddenAuthorizeResponse = Object.freeze({ approved: false, visible: false });

/** True for the hidden answer to a `checkViewer` request. */
export function hiddenFromViewer(answer: AuthorizeResponse): answer is HiddenAuthorizeResponse {
  return answer.visible === false;
}

/**
 * Gives back a handling's reservation; when there is none yet, records a void settlement so a late or
 * repeated authorize of that handling ID answers voided. The account and violation are those of the
 * authorize request: the platform locks the same licence row authorize locks (so the two serialize) and
 * checks the caller is the violation's province.
 */
export const releaseRequestSchema = z.object({
  handlingId: id,
  accountId: id,
  violationId,
  /** Why the reservation is given back, for the log and audit (e.g. "PROVINCE_ROLLBACK"). */
  reason: z.string().min(1).max(200),
});
export type ReleaseRequest = z.infer<typeof releaseRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Batched delivery (docs/design.md §4, handoff protocol): `POST /internal/messages` also accepts
// `{ messages: [...] }`, answered per message, in order. The single-message form (the envelope itself,
// answered `{ outcome, messageId }`) stays accepted, so relays and receivers can be upgraded one at a time.

/** Most messages one batched request may carry (the relay sends at most its `messagesPerRequest`). */
export const MAX_MESSAGES_PER_REQUEST = 500;

/** The batch envelope (messages-batch.ts reads it); each element is validated on its own, so one bad message fails only itself. */
export type MessageBatchRequest = { messages: HandoffMessage[] };

/** What happened to one message of a batch: applied now, already applied earlier, or failed (retry it). */
export const messageResultSchema = z.discriminatedUnion("outcome", [
  z.object({ messageId: z.string().nullable(), outcome: z.literal("applied") }),
  z.object({ messageId: z.string().nullable(), outcome: z.literal("duplicate") }),
  z.object({ messageId: z.string().nullable(), outcome: z.literal("failed"), error: z.string() }),
]);
export type MessageResult = z.infer<typeof messageResultSchema>;
/** One result per message of the request, in the request's order. */
export const messageBatchResponseSchema = z.object({ results: z.array(messageResultSchema) });
export type MessageBatchResponse = z.infer<typeof messageBatchResponseSchema>;
