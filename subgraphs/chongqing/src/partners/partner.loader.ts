import DataLoader from "dataloader";
import { inArray } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { oneByKey } from "../db/by-key";
import { partners, type PartnerRow } from "../db/schema";

/** Rental partners by ID: one SQL per batch. */
export function createPartnerLoader(db: PlatformDb): DataLoader<string, PartnerRow | null> {
  return new DataLoader(async (ids) =>
    oneByKey(ids, await db.select().from(partners).where(inArray(partners.id, [...ids])), (row) => row.id),
  );
}
