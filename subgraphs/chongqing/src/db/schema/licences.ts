import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Driving licences issued in Chongqing. Points are NOT stored here: they come from `points_ledger`
 * (applied, reserved and released entries), so two provinces can never overwrite each other's points.
 *
 * `states` holds the letter codes of docs/domain-facts.md §5.5 (the real `zt` field can hold several at once,
 * e.g. "HS"). `full_score_count_in_cycle` counts how often 12 points were reached in the cycle that
 * starts on `full_score_cycle_start` (R-ELG-5); a count recorded for an earlier cycle reads as 0.
 */
export const licences = pgTable(
  "licences",
  {
    /** 驾驶证号 (in China the holder's ID number; kept separate so test data may differ). */
    number: text("number").primaryKey(),
    /** Links the licence to an account by the holder's ID number (see accounts). */
    holderIdNumber: text("holder_id_number").notNull().unique(),
    holderName: text("holder_name").notNull(),
    /** 准驾车型, e.g. C1. */
    vehicleClass: text("vehicle_class").notNull().default("C1"),
    /** 初次领证日期: anchors the 12-month scoring cycle (记分办法 §3). ISO date. */
    firstIssuedOn: date("first_issued_on", { mode: "string" }).notNull(),
    states: text("states").array().notNull().default(sql`ARRAY['A']::text[]`),
    fullScoreCountInCycle: integer("full_score_count_in_cycle").notNull().default(0),
    /** Start (ISO date) of the cycle the count above belongs to; null when the count is 0. */
    fullScoreCycleStart: date("full_score_cycle_start", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [check("licences_full_score_count_nonneg", sql`${t.fullScoreCountInCycle} >= 0`)],
);

export type LicenceRow = typeof licences.$inferSelect;
