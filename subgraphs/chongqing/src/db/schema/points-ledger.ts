import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { licences } from "./licences";

/**
 * The kinds of ledger entries.
 * - RESERVED: points held for a handled, unpaid violation under its handling ID (R-ELG-6, R-SYNC-1).
 * - RELEASED: the reservation of that handling ended without points (reverted after 2 h, R-PAY-1, or
 *   released by the province), always with 0 points; without a RESERVED row before it, a **void**: the
 *   province released the handling before any reservation, and authorize answers it voided (docs/design.md §4);
 *   it moves neither points, nor reserved points, nor the licence's "as of" (`LAST_ENTRY_AT`).
 * - APPLIED: points recorded on the licence; with a handling ID it settles that handling's reservation
 *   (the fine was paid), without one it is a direct entry (seeding, data from the police intranet).
 * - ADJUSTED: a signed correction without a handling (e.g. points cleared after full-score education,
 *   记分办法 §23; a revoked decision, §16).
 */
export const LEDGER_KINDS = ["RESERVED", "RELEASED", "APPLIED", "ADJUSTED"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * Points as a ledger, never a counter: rows are only inserted. The partial unique indexes make every
 * handling's life idempotent in the database itself, whatever the callers do:
 * - at most one RESERVED row per handling;
 * - at most one settlement (RELEASED or APPLIED) per handling, so a duplicate "paid" or a "reverted"
 *   after "paid" cannot count twice or undo the points.
 */
export const pointsLedger = pgTable(
  "points_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    licenceNumber: text("licence_number")
      .notNull()
      .references(() => licences.number),
    kind: text("kind").$type<LedgerKind>().notNull(),
    points: integer("points").notNull(),
    handlingId: text("handling_id"),
    violationId: text("violation_id"),
    /** Occurrence province of the violation, when the entry comes from one. */
    provinceCode: text("province_code"),
    /** Business time: when the entry takes effect (payment time for APPLIED); decides the cycle. */
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    /** When the home platform wrote the row (the "as of" of the points views, voids left out: `LAST_ENTRY_AT`, R-SYNC-2). */
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull(),
    note: text("note"),
  },
  (t) => [
    index("points_ledger_licence_idx").on(t.licenceNumber, t.at),
    uniqueIndex("points_ledger_reservation_uq").on(t.handlingId).where(sql`${t.kind} = 'RESERVED'`),
    uniqueIndex("points_ledger_settlement_uq")
      .on(t.handlingId)
      .where(sql`${t.kind} IN ('RELEASED', 'APPLIED') AND ${t.handlingId} IS NOT NULL`),
    check("points_ledger_kind", sql`${t.kind} IN ('RESERVED', 'RELEASED', 'APPLIED', 'ADJUSTED')`),
    check("points_ledger_points", sql`${t.kind} = 'ADJUSTED' OR ${t.points} >= 0`),
    check("points_ledger_handling", sql`${t.kind} NOT IN ('RESERVED', 'RELEASED') OR ${t.handlingId} IS NOT NULL`),
  ],
);

export type LedgerRow = typeof pointsLedger.$inferSelect;

/**
 * `kind = 'RESERVED'` as a literal, not a parameter: the predicate of `points_ledger_reservation_uq`,
 * which a generic plan (the platform's PGlite plans named statements once, docs/design.md §6) can use
 * only when the query states it literally.
 */
export const RESERVED_ENTRY = sql`${pointsLedger.kind} = 'RESERVED'`;
