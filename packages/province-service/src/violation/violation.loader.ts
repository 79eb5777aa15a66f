import DataLoader from "dataloader";
import { inArray } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { violations, type ViolationRow } from "../db/schema";

/**
 * Violations by ID, one `SELECT … WHERE id IN (…)` per batch however many keys (docs/design.md §6). Results
 * come back in the keys' order and length; a missing ID is `null` (an unknown violation is an answer,
 * not an error). Created per request, so nothing cached crosses callers.
 */
export function createViolationLoader(db: ProvinceDb): DataLoader<string, ViolationRow | null> {
  return new DataLoader(async (ids) => {
    const rows = await db.select().from(violations).where(inArray(violations.id, [...ids]));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
