import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { vehicles } from "./vehicles";

export const FILING_METHODS = ["QR", "SMS", "COMPANY_SMS"] as const;
export type FilingMethod = (typeof FILING_METHODS)[number];
export const FILING_STATUSES = ["PENDING", "ACTIVE", "REJECTED", "RELEASED"] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/**
 * Filings of another person's or a company's vehicle (R-FIL-2..6). A filing takes effect when an officer
 * approves it (`effective_at`, the instant R-ELG-3 compares violations with) and ends when the user
 * releases it. One live (PENDING or ACTIVE) filing per user and vehicle; the limits of 3 per user and 3
 * per vehicle are enforced by the filing service under row locks.
 */
export const filings = pgTable(
  "filings",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    plate: text("plate")
      .notNull()
      .references(() => vehicles.plate),
    method: text("method").$type<FilingMethod>().notNull(),
    status: text("status").$type<FilingStatus>().notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }).notNull(),
    effectiveAt: timestamp("effective_at", { withTimezone: true, mode: "date" }),
    releasedAt: timestamp("released_at", { withTimezone: true, mode: "date" }),
    reviewedBy: text("reviewed_by"),
    reviewNote: text("review_note"),
  },
  (t) => [
    index("filings_plate_idx").on(t.plate, t.status),
    index("filings_account_idx").on(t.accountId, t.status),
    uniqueIndex("filings_live_uq").on(t.accountId, t.plate).where(sql`${t.status} IN ('PENDING', 'ACTIVE')`),
    check("filings_status", sql`${t.status} IN ('PENDING', 'ACTIVE', 'REJECTED', 'RELEASED')`),
    check("filings_method", sql`${t.method} IN ('QR', 'SMS', 'COMPANY_SMS')`),
    check("filings_active_has_time", sql`${t.status} <> 'ACTIVE' OR ${t.effectiveAt} IS NOT NULL`),
  ],
);

export type FilingRow = typeof filings.$inferSelect;
