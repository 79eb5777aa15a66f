import DataLoader from "dataloader";
import type { PlatformDb } from "../db/database";
import { oneByKey } from "../db/by-key";
import type { AccountRow, LicenceRow } from "../db/schema";
import { accountsWithLicences } from "./account.store";

/**
 * Accounts by ID: one SQL per batch, which also reads each holder's licence and primes the request's
 * licence loader with it (issue 11: the account and the licence were two statements in each of the
 * citizen query's two platform requests; every path that reads a licence by holder reads the account first).
 */
export function createAccountLoader(db: PlatformDb, licenceByHolder: DataLoader<string, LicenceRow | null>): DataLoader<string, AccountRow | null> {
  return new DataLoader(async (ids) => {
    const rows = await accountsWithLicences(db, ids);
    for (const { account, licence } of rows) licenceByHolder.prime(account.idNumber, licence);
    return oneByKey(ids, rows.map((r) => r.account), (row) => row.id);
  });
}
