import DataLoader from "dataloader";
import { desc, inArray } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { manyByKey } from "../db/by-key";
import { violationIndex, type ViolationIndexRow } from "../db/schema";

/** Every indexed violation of each plate (all provinces), newest first: one SQL per batch. */
export function createViolationsByPlateLoader(db: PlatformDb): DataLoader<string, ViolationIndexRow[]> {
  return new DataLoader(async (plates) => {
    const rows = await db
      .select()
      .from(violationIndex)
      .where(inArray(violationIndex.plate, [...plates]))
      .orderBy(desc(violationIndex.occurredAt));
    return manyByKey(plates, rows, (row) => row.plate);
  });
}
