import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { partners } from "./partners";

/**
 * Idempotency of `writeLease` (R-ELG-7): the first lease written under a partner's key, with a
 * fingerprint of the request, so a retry gets the same lease and a reuse with other data is refused.
 */
export const leaseRequests = pgTable(
  "lease_requests",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    idempotencyKey: text("idempotency_key").notNull(),
    leaseId: text("lease_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.idempotencyKey] })],
);

export type LeaseRequestRow = typeof leaseRequests.$inferSelect;
