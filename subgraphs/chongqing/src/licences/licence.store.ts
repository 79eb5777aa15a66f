/** Data access for licences. */
import { eq, sql } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { inKeys, preparedInTransaction, preparedOnce, textArray } from "@jg/service-kit";
import { accountById } from "../accounts/account.store";
import { accounts, licences, type AccountRow, type LicenceRow } from "../db/schema";

/** Licences by holder ID number, one statement for the batch (DataLoader order: see context). */
export function licencesByHolders(db: PlatformDb, idNumbers: readonly string[]): Promise<LicenceRow[]> {
  if (idNumbers.length === 0) return Promise.resolve([]);
  return preparedOnce(db, "licences_by_holders", (d) => d.select().from(licences).where(inKeys(licences.holderIdNumber)).prepare("licences_by_holders")).execute({ keys: textArray(idNumbers) });
}

/**
 * The holder's licence, locked until the transaction ends (`SELECT … FOR UPDATE`): every change of a
 * licence's points goes through this lock, so concurrent authorizations of one driver are serialized
 * and each sees the reservations of the ones before it (R-ELG-6, R-SYNC-1).
 */
async function lockLicenceOfHolder(tx: PlatformDb, idNumber: string): Promise<LicenceRow | null> {
  const rows = await tx.select().from(licences).where(eq(licences.holderIdNumber, idNumber)).for("update");
  return rows[0] ?? null;
}

/**
 * The account and its holder's licence, the licence locked as {@link lockLicenceOfHolder} locks it, in one
 * statement (issue 12: authorize read them in two). An account without a licence (or no account) reads
 * as before, in two statements: the lock cannot take the nullable side of an outer join.
 */
export async function accountWithLockedLicence(tx: PlatformDb, accountId: string): Promise<{ account: AccountRow | null; licence: LicenceRow | null }> {
  // Built once per database handle (issue 12: drizzle built it for every authorize and release).
  const [row] = await preparedInTransaction(tx, "account_with_locked_licence", (t) =>
    t
      .select({ account: accounts, licence: licences })
      .from(accounts)
      .innerJoin(licences, eq(licences.holderIdNumber, accounts.idNumber))
      .where(eq(accounts.id, sql.placeholder("accountId")))
      .for("update", { of: licences })
      .prepare("account_with_locked_licence"),
  ).execute({ accountId });
  if (row) return row;
  const account = await accountById(tx, accountId);
  return { account, licence: account ? await lockLicenceOfHolder(tx, account.idNumber) : null };
}

