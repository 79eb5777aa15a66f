import { sql } from "drizzle-orm";
import { boolean, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Serial numbers of violation IDs (the last ten digits after the six-digit agency area code). One
 * sequence per shard database: IDs never repeat and never need a read-then-write.
 */
export const violationSerial = pgSequence("violation_serial", { startWith: 1, increment: 1 });

/**
 * Violations recorded in this province. Fine, points and flags are copied from the province's schedule
 * in force at the violation time (R-OOP-1) when the record is made, so a later schedule change never
 * rewrites what a driver was told. `status` moves UNHANDLED → HANDLED_UNPAID → PAID, or back to
 * UNHANDLED when the 2-hour timer fires (R-PAY-1); `handling_id` names the current handling.
 */
export const violations = pgTable(
  "violations",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    plate: text("plate").notNull(),
    plateType: text("plate_type").notNull(),
    code: text("code").notNull(),
    location: text("location").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull(),
    source: text("source", { enum: ["CAMERA", "ON_SITE"] }).notNull(),
    agencyAreaCode: text("agency_area_code").notNull(),
    fineYuan: integer("fine_yuan").notNull(),
    points: integer("points").notNull(),
    warningOnly: boolean("warning_only").notNull(),
    simpleProcedure: boolean("simple_procedure").notNull(),
    /** Where the fine figure comes from (citation), and whether it is assumed (docs/domain-facts.md NOT FOUND). */
    fineSource: text("fine_source").notNull(),
    fineAssumed: boolean("fine_assumed").notNull(),
    status: text("status", { enum: ["UNHANDLED", "HANDLED_UNPAID", "PAID"] }).notNull().default("UNHANDLED"),
    handlingId: uuid("handling_id"),
    /** Who recorded it (camera system ID or officer ID) and that recorder's own key for the record. */
    recorder: text("recorder").notNull(),
    sourceRecordKey: text("source_record_key").notNull(),
    /** Hash of the recording's facts: a retry with the same key but other facts is refused. */
    requestHash: text("request_hash").notNull(),
  },
  (t) => [
    // Recording is idempotent on the recorder's key: a camera that retries finds its first record.
    uniqueIndex("violations_recorder_key_uq").on(t.recorder, t.sourceRecordKey),
    index("violations_plate_idx").on(t.plate),
    index("violations_status_idx").on(t.status).where(sql`${t.status} <> 'PAID'`),
  ],
);

export type ViolationRow = typeof violations.$inferSelect;
