import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Registered users of the platform (R-REG-1, R-REG-2). A person is tied to their licence and their own
 * vehicles by the ID number (身份证号): licences and vehicles exist in the police databases whether or not
 * the person ever registers, so the link is the number, not a foreign key written at registration. That
 * is what makes R-FIL-1 automatic: a vehicle registered in the person's name before or after they sign up
 * shows up on the account with nothing filed.
 */
export const accounts = pgTable("accounts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** 身份证号码 of a person; a company account holds its unified social credit code. */
  idNumber: text("id_number").notNull().unique(),
  phone: text("phone").notNull().unique(),
  /** R-REG-2 user type: PERSON or COMPANY. */
  userType: text("user_type").$type<"PERSON" | "COMPANY">().notNull().default("PERSON"),
  /** Province chosen at registration (R-REG-1); "50" for this platform. */
  provinceCode: text("province_code").notNull().default("50"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
});

export type AccountRow = typeof accounts.$inferSelect;
