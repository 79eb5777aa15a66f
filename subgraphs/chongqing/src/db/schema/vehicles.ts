import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Vehicles registered in Chongqing (plate prefix 渝). Codes follow docs/domain-facts.md §5.2 (plate type 号牌种类),
 * §5.3 (use nature 使用性质) and §5.4 (vehicle states, several at once).
 *
 * The owner is named by ID number (a person's 身份证号 or a company's unified social credit code), never
 * by account: a person's own vehicles attach to their account by that number (R-FIL-1), and a rental
 * partner's fleet is the set of company vehicles under its credit code (R-ELG-7).
 */
export const vehicles = pgTable(
  "vehicles",
  {
    plate: text("plate").primaryKey(),
    plateType: text("plate_type").notNull(),
    useNature: text("use_nature").notNull(),
    states: text("states").array().notNull().default(sql`ARRAY['A']::text[]`),
    ownerKind: text("owner_kind").$type<"PERSON" | "COMPANY">().notNull(),
    ownerIdNumber: text("owner_id_number").notNull(),
    ownerName: text("owner_name").notNull(),
    /** The owner's phone: where a person's filing SMS code goes (R-FIL-5). */
    ownerPhone: text("owner_phone"),
    /** The manager's phone recorded at registration: where a company vehicle's code goes (R-FIL-6). */
    managerPhone: text("manager_phone"),
    registeredAt: timestamp("registered_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("vehicles_owner_idx").on(t.ownerIdNumber),
    check("vehicles_owner_kind", sql`${t.ownerKind} IN ('PERSON', 'COMPANY')`),
    check("vehicles_company_manager", sql`${t.ownerKind} = 'PERSON' OR ${t.managerPhone} IS NOT NULL`),
  ],
);

export type VehicleRow = typeof vehicles.$inferSelect;
