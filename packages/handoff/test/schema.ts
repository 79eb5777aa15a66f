/**
 * The test database schema: the outbox and inbox as a service would include them, plus one business
 * table (`notes`) that test handlers write, so a test can see a handler's effects roll back together
 * with its inbox row. Migrations in ./migrations are generated from this file by drizzle-kit.
 */
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { inbox, outbox } from "../src/tables";

export const notes = pgTable("notes", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  messageId: text("message_id").notNull(),
  body: text("body").notNull(),
});

export { inbox, outbox };
