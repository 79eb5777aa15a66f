import DataLoader from "dataloader";
import type { PlatformDb } from "../db/database";
import { oneByKey } from "../db/by-key";
import type { LicenceRow } from "../db/schema";
import { ledgerTotals, type LedgerTotals } from "./ledger.store";
import { licencesByHolders } from "./licence.store";
import { ledgerWindow, licenceView, type LicenceView } from "./licence.view";

/** Licences by holder ID number: one SQL per batch. */
export function createLicenceByHolderLoader(db: PlatformDb): DataLoader<string, LicenceRow | null> {
  return new DataLoader(async (idNumbers) => oneByKey(idNumbers, await licencesByHolders(db, idNumbers), (row) => row.holderIdNumber));
}

/** Ledger totals of licences for the cycle containing `now`: one SQL per batch. */
export function createLedgerLoader(db: PlatformDb, now: Date): DataLoader<LicenceRow, LedgerTotals, string> {
  return new DataLoader(
    async (rows) => {
      const totals = await ledgerTotals(db, rows.map((row) => ledgerWindow(row, now)));
      return rows.map((row) => totals.get(row.number) ?? new Error(`no ledger totals for ${row.number}`));
    },
    { cacheKeyFn: (row) => row.number },
  );
}

/** The licence view of a holder through the two loaders above, or null when they hold no licence. */
export async function loadLicenceView(
  loaders: { licenceByHolder: DataLoader<string, LicenceRow | null>; ledger: DataLoader<LicenceRow, LedgerTotals, string> },
  idNumber: string,
  now: Date,
): Promise<LicenceView | null> {
  const row = await loaders.licenceByHolder.load(idNumber);
  if (!row) return null;
  return licenceView(row, await loaders.ledger.load(row), now);
}
