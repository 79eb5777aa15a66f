/** Data access for accounts. */
import type { PlatformDb } from "../db/database";
import { inKeys, preparedOnce, textArray } from "../db/prepared";
import { accounts, type AccountRow } from "../db/schema";

/** Accounts by ID, one statement for the batch. */
export function accountsByIds(db: PlatformDb, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return preparedOnce(db, "accounts_by_ids", (d) => d.select().from(accounts).where(inKeys(accounts.id)).prepare("accounts_by_ids")).execute({ keys: textArray(ids) });
}

/** One account by ID, or null. */
export async function accountById(db: PlatformDb, id: string): Promise<AccountRow | null> {
  return (await accountsByIds(db, [id]))[0] ?? null;
}
