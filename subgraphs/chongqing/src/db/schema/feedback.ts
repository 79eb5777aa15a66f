import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

export const FEEDBACK_STATUSES = ["RECEIVED", "IN_PROGRESS", "RESOLVED"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Citizens' feedback (R-FBK-1): a description, screenshots in `feedback_screenshots`, a status officers set. */
export const feedback = pgTable(
  "feedback",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    description: text("description").notNull(),
    status: text("status").$type<FeedbackStatus>().notNull().default("RECEIVED"),
    /** The client's retry key: one feedback per account and key. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("feedback_account_idx").on(t.accountId, t.createdAt),
    uniqueIndex("feedback_key_uq").on(t.accountId, t.idempotencyKey),
    check("feedback_status", sql`${t.status} IN ('RECEIVED', 'IN_PROGRESS', 'RESOLVED')`),
  ],
);

/** Screenshots of a feedback: PNG or JPEG (checked by magic bytes), with their SHA-256. */
export const feedbackScreenshots = pgTable(
  "feedback_screenshots",
  {
    feedbackId: text("feedback_id")
      .notNull()
      .references(() => feedback.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    mime: text("mime").$type<"image/png" | "image/jpeg">().notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedbackId, t.position] }), check("feedback_screenshots_mime", sql`${t.mime} IN ('image/png', 'image/jpeg')`)],
);

export type FeedbackRow = typeof feedback.$inferSelect;
export type FeedbackScreenshotRow = typeof feedbackScreenshots.$inferSelect;
