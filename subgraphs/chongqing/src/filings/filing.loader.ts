import DataLoader from "dataloader";
import { desc, inArray } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { manyByKey } from "../db/by-key";
import { filings, type FilingRow } from "../db/schema";

/** Every filing (any status) of each account, newest first: one SQL per batch. */
export function createFilingsByAccountLoader(db: PlatformDb): DataLoader<string, FilingRow[]> {
  return new DataLoader(async (accountIds) => {
    const rows = await db
      .select()
      .from(filings)
      .where(inArray(filings.accountId, [...accountIds]))
      .orderBy(desc(filings.appliedAt));
    return manyByKey(accountIds, rows, (row) => row.accountId);
  });
}
