import DataLoader from "dataloader";
import { inArray } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { handlings, type HandlingRow } from "../db/schema";

/** Handlings by ID: one SQL query per batch, keys' order and length, `null` for a missing ID. */
export function createHandlingLoader(db: ProvinceDb): DataLoader<string, HandlingRow | null> {
  return new DataLoader(async (ids) => {
    const rows = await db.select().from(handlings).where(inArray(handlings.id, [...ids]));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
