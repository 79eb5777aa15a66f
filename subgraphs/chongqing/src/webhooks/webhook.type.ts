import { DateTimeScalar } from "@jg/province-service/graphql";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from "../db/schema";

/** The events a partner may subscribe to (GraphQL names of @jg/webhooks' `violation.*` types). */
export enum WebhookEventType {
  VIOLATION_RECORDED = "violation.recorded",
  VIOLATION_HANDLED = "violation.handled",
  VIOLATION_PAID = "violation.paid",
  VIOLATION_REVERTED = "violation.reverted",
}
registerEnumType(WebhookEventType, {
  name: "WebhookEventType",
  description: "Events of a fleet vehicle's violations, sent to a partner's webhook endpoints (type in the body: violation.recorded, …).",
  valuesConfig: {
    VIOLATION_RECORDED: { description: "A violation of a fleet vehicle was indexed by the platform, with the lease it falls in." },
    VIOLATION_HANDLED: { description: "It was handled (决定书 issued); the fine is due within 2 hours (R-PAY-1)." },
    VIOLATION_PAID: { description: "Its fine was paid." },
    VIOLATION_REVERTED: { description: "An unpaid handling returned to unhandled after 2 hours (R-PAY-1)." },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  FAILED = "FAILED",
}
registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description: "PENDING: waiting for its next attempt; DELIVERED: a 2xx answer; FAILED: gave up after the relay's attempts (replayable).",
});

@ObjectType({ simpleResolvers: true, description: "A partner's webhook endpoint (issue 18). Deliveries are signed: x-jg-signature: t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\">." })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [WebhookEventType])
  events!: WebhookEventType[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Boolean, { description: "A disabled endpoint gets no new events; its pending deliveries wait until it is enabled." })
  enabled!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  secretRotatedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Until then the previous secret signs too (a second v1)." })
  previousSecretExpiresAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "An endpoint with its signing secret, shown only when registered or rotated." })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, { description: "The signing secret (whsec_…): verify deliveries with it (@jg/webhooks verifyWebhook)." })
  signingSecret!: string;
}

@ObjectType({ simpleResolvers: true, description: "One attempt to deliver an event." })
export class WebhookAttempt {
  @Field(() => DateTimeScalar)
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: "HTTP status answered; null when none came (refused, timeout)." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;
}

@ObjectType({ simpleResolvers: true, description: "One event for one endpoint, with its attempts." })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  endpointId!: string;

  @Field(() => String, { description: "The event ID (x-jg-event-id, and `id` in the body): the same on every retry and replay." })
  eventId!: string;

  @Field(() => WebhookEventType)
  eventType!: WebhookEventType;

  @Field(() => String)
  violationId!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When PENDING: the next attempt." })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => String, { description: "The body as sent (JSON)." })
  payload!: string;

  @Field(() => String, { description: "Pass as `before` to read older deliveries." })
  cursor!: string;
}

@InputType({ description: "A webhook endpoint to register." })
export class RegisterWebhookEndpointInput {
  @Field(() => String, { description: "http(s) URL; loopback and private addresses only in development." })
  url!: string;

  @Field(() => [WebhookEventType])
  events!: WebhookEventType[];

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { description: "The partner's retry key: the same key answers the same endpoint." })
  idempotencyKey!: string;
}

export function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    description: row.description,
    enabled: row.enabled,
    createdAt: row.createdAt,
    secretRotatedAt: row.secretRotatedAt,
    previousSecretExpiresAt: row.previousSecretExpiresAt,
  });
}

export function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType as WebhookEventType,
    violationId: row.violationId,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    createdAt: row.createdAt,
    nextAttemptAt: row.status === "PENDING" ? row.availableAt : null,
    deliveredAt: row.deliveredAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    payload: JSON.stringify(row.payload),
    cursor: String(row.seq),
  });
}

export function toAttempt(row: WebhookAttemptRow): WebhookAttempt {
  return Object.assign(new WebhookAttempt(), { attemptedAt: row.attemptedAt, statusCode: row.statusCode, error: row.error, durationMs: row.durationMs });
}
