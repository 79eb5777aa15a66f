import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Stored answers of mutations a client may retry. A key belongs to one caller (`principal`) and one
 * operation; the same key with the same arguments (`request_hash`) gets the stored `response`, with other
 * arguments it is refused (IDEMPOTENCY_KEY_REUSED). Rows are written in the same transaction as the
 * change they describe, so a stored answer always means the change happened.
 */
export const idempotency = pgTable(
  "idempotency",
  {
    operation: text("operation").notNull(),
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    response: jsonb("response").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.operation, t.principal, t.key] })],
);

export type IdempotencyRow = typeof idempotency.$inferSelect;
