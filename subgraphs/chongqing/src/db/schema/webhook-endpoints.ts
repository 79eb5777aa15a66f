import { boolean, index, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { partners } from "./partners";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A rental partner's webhook endpoints (issue 18): where signed violation events of its fleet go.
 * The signing secret is needed in clear to compute each HMAC, so it cannot be stored as a hash: it is
 * stored encrypted (AES-256-GCM under a key derived from the platform's CODE_SECRET,
 * src/webhooks/secret-box.ts), and shown to the partner only when registered or rotated. After a
 * rotation the previous secret keeps signing too (a second `v1`) until `previous_secret_expires_at`.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    url: text("url").notNull(),
    /** Event types wanted (`violation.recorded`, …, @jg/webhooks WEBHOOK_EVENT_TYPES). */
    events: text("events").array().notNull(),
    description: text("description"),
    enabled: boolean("enabled").notNull().default(true),
    secretSealed: text("secret_sealed").notNull(),
    previousSecretSealed: text("previous_secret_sealed"),
    previousSecretExpiresAt: instant("previous_secret_expires_at"),
    /** The partner's retry key of the registration, with a fingerprint of what it registered. */
    idempotencyKey: text("idempotency_key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** The key of the last rotation: a retried rotation answers the same secret instead of rotating twice. */
    rotationKey: text("rotation_key"),
    secretRotatedAt: instant("secret_rotated_at"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [unique("webhook_endpoints_request_key").on(t.partnerId, t.idempotencyKey), index("webhook_endpoints_partner_idx").on(t.partnerId)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
