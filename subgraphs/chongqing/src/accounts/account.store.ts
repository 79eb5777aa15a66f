/** Data access for accounts. */
import { inArray } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { accounts, type AccountRow } from "../db/schema";

/** Accounts by ID, one statement for the batch. */
export function accountsByIds(db: PlatformDb, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(accounts).where(inArray(accounts.id, [...ids]));
}

/** One account by ID, or null. */
export async function accountById(db: PlatformDb, id: string): Promise<AccountRow | null> {
  return (await accountsByIds(db, [id]))[0] ?? null;
}
