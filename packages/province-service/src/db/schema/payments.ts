import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Payments. The unique index on `handling_id` is the database's own guarantee of R-DUP-1: one payment
 * per handling, whichever channel and however many concurrent requests.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey(),
    handlingId: uuid("handling_id").notNull(),
    violationId: text("violation_id").notNull(),
    channel: text("channel", { enum: ["APP", "WEB", "WECHAT", "ALIPAY", "KIOSK", "BANK_COUNTER"] }).notNull(),
    amountYuan: integer("amount_yuan").notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Who paid: "CITIZEN:<accountId>" or "BANK:<bankId>". */
    payer: text("payer").notNull(),
  },
  (t) => [
    uniqueIndex("payments_handling_uq").on(t.handlingId),
    // The nightly statement of a business day and channel (docs/design.md §4, "Reconciliation").
    index("payments_channel_paid_at_idx").on(t.channel, t.paidAt),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
