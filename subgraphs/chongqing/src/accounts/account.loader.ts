import DataLoader from "dataloader";
import type { PlatformDb } from "../db/database";
import { oneByKey } from "../db/by-key";
import type { AccountRow, LicenceRow, VehicleRow } from "../db/schema";
import type { LedgerTotals } from "../licences/ledger.store";
import { personOf, type Person, type VehicleAccessRow } from "../vehicles/vehicle-access";
import { accountsWithLicences } from "./account.store";
import type { OperationViewers } from "./operation-viewers";
import { viewersByIds, type Viewer } from "./viewer.store";

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

/** The loaders a viewer read primes (the request's own: nothing crosses requests). */
type Primed = {
  account: DataLoader<string, AccountRow | null>;
  licenceByHolder: DataLoader<string, LicenceRow | null>;
  ledger: DataLoader<LicenceRow, LedgerTotals, string>;
  access: DataLoader<Person, VehicleAccessRow[], string>;
  vehicle: DataLoader<string, VehicleRow | null>;
};

/**
 * Viewers by account ID at the request's `now` (accounts/viewer.store.ts): one statement per batch,
 * which primes the request's account, licence, ledger, relations and vehicle loaders with what it read
 * (a key loaded already keeps its value). Only read paths use it (`requireCitizenViewer`): a mutation
 * reads its account alone, so relations it changes are read after the change, as before. A request of a
 * keyed query (`operation`) takes the viewer another request of the same operation read
 * (operation-viewers.ts).
 */
export function createViewerLoader(db: PlatformDb, now: Date, primed: () => Primed, shared: OperationViewers, operation: () => string | undefined): DataLoader<string, Viewer | null> {
  return new DataLoader(async (ids) => {
    const viewers = await shared.viewers(operation(), ids, (missing) => viewersByIds(db, missing, now));
    const loaders = primed();
    for (const v of viewers) {
      if (!v) continue;
      loaders.account.prime(v.account.id, v.account);
      loaders.licenceByHolder.prime(v.account.idNumber, v.licence);
      if (v.licence && v.ledger) loaders.ledger.prime(v.licence, v.ledger);
      loaders.access.prime(personOf(v.account), v.access);
      for (const vehicle of v.vehicles) loaders.vehicle.prime(vehicle.plate, vehicle);
    }
    return viewers;
  });
}
