import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Registrations in progress (R-REG-1 app flow, R-REG-2 web flow). A row collects the data and the
 * steps passed until `decideRegistrationComplete` (@jg/rules) approves; completing it creates the
 * account and sets `account_id`. The row's random ID is the client's handle on its registration: it
 * is never listed, and a completed registration is no longer readable.
 */
export const registrations = pgTable(
  "registrations",
  {
    id: text("id").primaryKey(),
    channel: text("channel").$type<"APP" | "WEB">().notNull(),
    phone: text("phone").notNull(),
    provinceCode: text("province_code"),
    name: text("name"),
    idNumber: text("id_number"),
    userType: text("user_type").$type<"PERSON" | "COMPANY">(),
    /** Steps of `registrationSteps(channel)` passed so far. */
    completedSteps: text("completed_steps").array().notNull().default(sql`ARRAY[]::text[]`),
    accountId: text("account_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("registrations_phone_idx").on(t.phone), check("registrations_channel", sql`${t.channel} IN ('APP', 'WEB')`)],
);

export type RegistrationRow = typeof registrations.$inferSelect;
