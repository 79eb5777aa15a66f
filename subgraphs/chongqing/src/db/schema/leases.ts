import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { partners } from "./partners";
import { vehicles } from "./vehicles";

/**
 * Lease contracts a rental partner writes in advance (R-ELG-7): the lessee and the lease's temporary
 * drivers may handle the camera-recorded violations of the car that occurred in [starts_at, ends_at).
 * People are named by ID number, so a lessee needs no account at writing time.
 */
export const leases = pgTable(
  "leases",
  {
    id: text("id").primaryKey(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    plate: text("plate")
      .notNull()
      .references(() => vehicles.plate),
    lesseeIdNumber: text("lessee_id_number").notNull(),
    lesseeName: text("lessee_name").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("leases_plate_idx").on(t.plate, t.startsAt),
    index("leases_lessee_idx").on(t.lesseeIdNumber),
    check("leases_period_in_order", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Temporary drivers filed with a lease (R-ELG-7). */
export const leaseDrivers = pgTable(
  "lease_drivers",
  {
    leaseId: text("lease_id")
      .notNull()
      .references(() => leases.id, { onDelete: "cascade" }),
    idNumber: text("id_number").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.leaseId, t.idNumber] }), index("lease_drivers_person_idx").on(t.idNumber)],
);

export type LeaseRow = typeof leases.$inferSelect;
export type LeaseDriverRow = typeof leaseDrivers.$inferSelect;
