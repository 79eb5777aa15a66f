import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * This shard's runtime settings of its province: whether its internet platform is open (R-ELG-1d).
 * The catalogue (@jg/provinces) says every platform is open; the shard seeds this row from its config at
 * start, and the simulator may close a platform to see handling refused.
 */
export const provinceSettings = pgTable("province_settings", {
  code: text("code").primaryKey(),
  platformOpen: boolean("platform_open").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
});

export type ProvinceSettingsRow = typeof provinceSettings.$inferSelect;
