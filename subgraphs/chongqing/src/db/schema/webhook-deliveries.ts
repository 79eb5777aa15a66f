import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { webhookEndpoints } from "./webhook-endpoints";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const WEBHOOK_DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The webhook outbox (issue 18): one row per endpoint and event, inserted in the transaction that
 * indexes the handoff message causing it (src/webhooks/events.ts), so a rolled-back cause leaves no
 * delivery. The webhook relay claims rows like the handoff relay (lease, FOR UPDATE SKIP LOCKED),
 * sends them signed, and keeps each attempt in `webhook_attempts` for the partner's delivery log.
 * Unique on (endpoint, event): a redelivered handoff message adds nothing.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    partnerId: text("partner_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** Events about one violation reach one endpoint in order (as the handoff's ordering key). */
    violationId: text("violation_id").notNull(),
    /** The event body (@jg/webhooks WebhookEvent), serialized once per attempt. */
    payload: jsonb("payload").notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("PENDING"),
    createdAt: instant("created_at").notNull(),
    /** Next attempt (injected clock): the backoff of @jg/handoff after a failure. */
    availableAt: instant("available_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Attempts since creation or the last replay; FAILED when it reaches the relay's limit. */
    roundAttempts: integer("round_attempts").notNull().default(0),
    deliveredAt: instant("delivered_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    /** Wall-clock lease while one relay sends the row. */
    leaseUntil: instant("lease_until"),
  },
  (t) => [
    unique("webhook_deliveries_event_key").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.status, t.availableAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.seq),
    index("webhook_deliveries_order_idx").on(t.endpointId, t.violationId, t.seq).where(sql`${t.status} = 'PENDING'`),
    check("webhook_deliveries_status", sql`${t.status} IN ('PENDING', 'DELIVERED', 'FAILED')`),
  ],
);

/** Every attempt of a delivery: the partner's delivery log. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: instant("attempted_at").notNull(),
    /** HTTP status of the answer; null when none came (refused connection, timeout). */
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.id)],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
