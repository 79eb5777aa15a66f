import { sql } from "drizzle-orm";
import { index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Serial numbers of penalty decisions (决定书编号), per shard. */
export const decisionSerial = pgSequence("decision_serial", { startWith: 1, increment: 1 });

/**
 * One row per accepted handling. `id` is the handling ID the home platform reserved points under; it is
 * derived from the caller's idempotency key, so a retry after a crash reuses the same reservation.
 * `state`: ACTIVE (handled, unpaid), PAID, or REVERTED by the 2-hour timer (R-PAY-1). The partial index
 * on (pay_by) of active rows is what the durable revert timer scans.
 */
export const handlings = pgTable(
  "handlings",
  {
    id: uuid("id").primaryKey(),
    violationId: text("violation_id").notNull(),
    accountId: text("account_id").notNull(),
    decisionNumber: text("decision_number").notNull(),
    handledAt: timestamp("handled_at", { withTimezone: true, mode: "date" }).notNull(),
    payBy: timestamp("pay_by", { withTimezone: true, mode: "date" }).notNull(),
    reservationId: text("reservation_id").notNull(),
    fineYuan: integer("fine_yuan").notNull(),
    points: integer("points").notNull(),
    state: text("state", { enum: ["ACTIVE", "PAID", "REVERTED"] }).notNull().default("ACTIVE"),
    revertedAt: timestamp("reverted_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("handlings_decision_number_uq").on(t.decisionNumber),
    index("handlings_violation_idx").on(t.violationId),
    index("handlings_active_pay_by_idx").on(t.payBy).where(sql`${t.state} = 'ACTIVE'`),
  ],
);

export type HandlingRow = typeof handlings.$inferSelect;
