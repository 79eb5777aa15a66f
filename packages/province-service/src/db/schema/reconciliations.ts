import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * The banks' nightly reconciliations (R-MNT-1, docs/design.md §4 "Reconciliation"): one row per accepted
 * submission of a bank's list for one business day and bank channel. Idempotent on (bank, business day,
 * channel, submission key): the unique index makes a concurrent retry lose the insert and replay the
 * stored result; the same key with another list is refused (`request_hash`).
 */
export const reconciliations = pgTable(
  "reconciliations",
  {
    id: uuid("id").primaryKey(),
    /** Insertion order: "the latest" of one day and channel, also when two share a clock reading. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    bankId: text("bank_id").notNull(),
    /** CST business day, `YYYY-MM-DD` (docs/design.md §4). */
    businessDay: text("business_day").notNull(),
    channel: text("channel").notNull(),
    submissionKey: text("submission_key").notNull(),
    requestHash: text("request_hash").notNull(),
    reconciledAt: timestamp("reconciled_at", { withTimezone: true, mode: "date" }).notNull(),
    matched: integer("matched").notNull(),
    platformOnly: integer("platform_only").notNull(),
    bankOnly: integer("bank_only").notNull(),
    amountMismatches: integer("amount_mismatches").notNull(),
    platformTotalYuan: integer("platform_total_yuan").notNull(),
    bankTotalYuan: integer("bank_total_yuan").notNull(),
  },
  (t) => [
    uniqueIndex("reconciliations_submission_uq").on(t.bankId, t.businessDay, t.channel, t.submissionKey),
    index("reconciliations_day_idx").on(t.bankId, t.businessDay, t.channel, t.seq),
  ],
);

/**
 * Every payment a reconciliation looked at, with its category: MATCHED (both sides, same amount),
 * PLATFORM_ONLY, BANK_ONLY, AMOUNT_MISMATCH (both sides, amounts differ). Written in the same
 * transaction as its reconciliation row.
 */
export const reconciliationItems = pgTable(
  "reconciliation_items",
  {
    reconciliationId: uuid("reconciliation_id").notNull(),
    position: integer("position").notNull(),
    category: text("category", { enum: ["MATCHED", "PLATFORM_ONLY", "BANK_ONLY", "AMOUNT_MISMATCH"] }).notNull(),
    paymentId: text("payment_id").notNull(),
    violationId: text("violation_id"),
    platformAmountYuan: integer("platform_amount_yuan"),
    bankAmountYuan: integer("bank_amount_yuan"),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("reconciliation_items_pk").on(t.reconciliationId, t.position)],
);

export type ReconciliationRow = typeof reconciliations.$inferSelect;
export type ReconciliationItemRow = typeof reconciliationItems.$inferSelect;
