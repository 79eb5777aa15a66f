import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The violation facts a province sends with "recorded" (kept whole for the views and for audits). */
export type IndexedViolationFacts = Record<string, unknown>;

/**
 * Every province's violations of Chongqing vehicles, indexed by plate from the "recorded" messages
 * (docs/design.md §4 step 1), so `Vehicle.violations` answers without asking every province. `status` is the
 * last status the home platform heard of (recorded → UNHANDLED, handled → HANDLED_UNPAID, paid → PAID,
 * reverted → UNHANDLED): a synced view that may lag the province (R-SYNC-2), with `synced_at` saying
 * when it last changed.
 */
export const violationIndex = pgTable(
  "violation_index",
  {
    violationId: text("violation_id").primaryKey(),
    plate: text("plate").notNull(),
    provinceCode: text("province_code").notNull(),
    status: text("status").$type<"UNHANDLED" | "HANDLED_UNPAID" | "PAID">().notNull(),
    facts: jsonb("facts").$type<IndexedViolationFacts>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("violation_index_plate_idx").on(t.plate, t.occurredAt)],
);

export type ViolationIndexRow = typeof violationIndex.$inferSelect;
