/** Data access for accounts. */
import type { PlatformDb } from "../db/database";
import { inKeys, preparedOnce, textArray } from "@jg/service-kit";
import { eq } from "drizzle-orm";
import { accounts, licences, type AccountRow, type LicenceRow } from "../db/schema";

/** Accounts by ID, one statement for the batch. */
function accountsByIds(db: PlatformDb, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return preparedOnce(db, "accounts_by_ids", (d) => d.select().from(accounts).where(inKeys(accounts.id)).prepare("accounts_by_ids")).execute({ keys: textArray(ids) });
}

/** One account by ID, or null. */
export async function accountById(db: PlatformDb, id: string): Promise<AccountRow | null> {
  return (await accountsByIds(db, [id]))[0] ?? null;
}

/**
 * Accounts by ID, each with the licence its holder holds (null for none; at most one: the holder's ID
 * number is unique among licences), one statement for the batch: every citizen request reads both.
 */
export function accountsWithLicences(db: PlatformDb, ids: readonly string[]): Promise<{ account: AccountRow; licence: LicenceRow | null }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return preparedOnce(db, "accounts_with_licences", (d) =>
    d.select({ account: accounts, licence: licences }).from(accounts).leftJoin(licences, eq(licences.holderIdNumber, accounts.idNumber)).where(inKeys(accounts.id)).prepare("accounts_with_licences"),
  ).execute({ keys: textArray(ids) });
}
