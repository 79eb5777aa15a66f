import DataLoader from "dataloader";
import type { PlatformDb } from "../db/database";
import { oneByKey } from "../db/by-key";
import type { AccountRow } from "../db/schema";
import { accountsByIds } from "./account.store";

/** Accounts by ID: one SQL per batch. */
export function createAccountLoader(db: PlatformDb): DataLoader<string, AccountRow | null> {
  return new DataLoader(async (ids) => oneByKey(ids, await accountsByIds(db, ids), (row) => row.id));
}
