import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The first answer to every authorize request, by handling ID (docs/design.md §4 step 2). A province that
 * retries (timeout, restart) gets the same answer back, and the reservation is never made twice.
 * `response` is the `AuthorizeResponse` sent; `request` is kept to refuse a reuse of the ID with
 * different facts.
 */
export const authorizations = pgTable("authorizations", {
  handlingId: text("handling_id").primaryKey(),
  licenceNumber: text("licence_number"),
  violationId: text("violation_id").notNull(),
  request: jsonb("request").$type<Record<string, unknown>>().notNull(),
  response: jsonb("response").$type<Record<string, unknown>>().notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }).notNull(),
});

export type AuthorizationRow = typeof authorizations.$inferSelect;
