import DataLoader from "dataloader";
import { desc } from "drizzle-orm";
import { inKeys, preparedOnce, textArray } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { manyByKey } from "../db/by-key";
import { violationIndex, type ViolationIndexRow } from "../db/schema";

/** Every indexed violation of each plate (all provinces), newest first: one SQL per batch. */
export function createViolationsByPlateLoader(db: PlatformDb): DataLoader<string, ViolationIndexRow[]> {
  return new DataLoader(async (plates) => {
    // Prepared once per database (issue 11).
    const rows = await preparedOnce(db, "violation_index_by_plates", (d) =>
      d.select().from(violationIndex).where(inKeys(violationIndex.plate)).orderBy(desc(violationIndex.occurredAt)).prepare("violation_index_by_plates"),
    ).execute({ keys: textArray(plates) });
    return manyByKey(plates, rows, (row) => row.plate);
  });
}
