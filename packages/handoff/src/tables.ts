/**
 * The outbox and inbox tables (docs/design.md §4). Services put these definitions in their own drizzle
 * schema (re-exported from `db/schema/index.ts`) so drizzle-kit generates them into each service's
 * migrations; this package owns only the definitions and the code that reads and writes them.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Insertion order: ties in created_at (one transaction, one clock reading) keep their order. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    /** Logical receiver, e.g. "home-platform"; the relay maps it to a URL and a token audience. */
    destination: text("destination").notNull(),
    type: text("type").notNull(),
    /** Messages with the same key to one destination are delivered strictly in order (the violation ID). */
    orderingKey: text("ordering_key"),
    payload: jsonb("payload").notNull(),
    createdAt: instant("created_at").notNull(),
    availableAt: instant("available_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    deliveredAt: instant("delivered_at"),
    lastError: text("last_error"),
    /** Wall-clock lease while one relay sends the row; expires if that relay dies mid-send. */
    leaseUntil: instant("lease_until"),
  },
  (t) => [
    index("outbox_pending_idx").on(t.deliveredAt, t.availableAt),
    index("outbox_order_idx").on(t.destination, t.orderingKey, t.seq).where(sql`${t.deliveredAt} is null`),
  ],
);

export const inbox = pgTable("inbox", {
  messageId: text("message_id").primaryKey(),
  type: text("type").notNull(),
  source: text("source").notNull(),
  receivedAt: instant("received_at").notNull(),
});

export type OutboxRow = typeof outbox.$inferSelect;
export type InboxRow = typeof inbox.$inferSelect;
