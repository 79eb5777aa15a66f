import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Rental partners (R-ELG-7). A partner authenticates with an API key bound to its company; only the
 * key's SHA-256 hash is stored. Its fleet is every company vehicle whose owner ID number is the
 * partner's unified social credit code.
 */
export const partners = pgTable("partners", {
  id: text("id").primaryKey(),
  companyName: text("company_name").notNull(),
  creditCode: text("credit_code").notNull().unique(),
  apiKeyHash: text("api_key_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
});

export type PartnerRow = typeof partners.$inferSelect;
