import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** What an SMS code proves: a registration's phone, a sign-in, or an owner's consent to a filing. */
export type SmsPurpose = "REGISTRATION" | "SIGN_IN" | "FILING";

/**
 * One-time SMS codes (R-REG-1, R-REG-2, R-FIL-5, R-FIL-6). Only an HMAC of the code is stored. A code
 * is bound to a purpose and a subject (the registration ID, or `accountId:plate` of a filing), expires,
 * and allows a limited number of attempts. The rows of a phone also give its send rate limits.
 */
export const smsCodes = pgTable(
  "sms_codes",
  {
    id: text("id").primaryKey(),
    phone: text("phone").notNull(),
    purpose: text("purpose").$type<SmsPurpose>().notNull(),
    subject: text("subject").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("sms_codes_phone_idx").on(t.phone, t.createdAt), index("sms_codes_subject_idx").on(t.phone, t.purpose, t.subject)],
);

export type SmsCodeRow = typeof smsCodes.$inferSelect;
