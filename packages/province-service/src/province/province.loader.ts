import DataLoader from "dataloader";
import { inArray } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { provinceSettings, type ProvinceSettingsRow } from "../db/schema";

/**
 * This shard's province settings by code: one SQL query per batch. A shard holds only its own
 * province's row; any other code loads `null`.
 */
export function createProvinceSettingsLoader(db: ProvinceDb): DataLoader<string, ProvinceSettingsRow | null> {
  return new DataLoader(async (codes) => {
    const rows = await db.select().from(provinceSettings).where(inArray(provinceSettings.code, [...codes]));
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
}
