/**
 * The signed-in citizen as the read paths see them, in ONE statement (issue 12): the account, its
 * holder's licence, the ledger totals of the licence's current cycle, every relation to a vehicle
 * (vehicles/vehicle-access.ts) and those vehicles. "My violations" read them in five statements in each
 * of its two platform requests (account + licence, relations, vehicles, ledger), ≈ 0.4 ms of CPU each
 * on PGlite. test/viewer.test.ts pins it to the separate reads.
 *
 * The ledger's cycle comes from the licence read in the same statement, so the statement returns the
 * licence's APPLIED / ADJUSTED entries of the last 400 days (a cycle is at most 366 days and contains
 * now) and sums those of the cycle here, as `ledgerTotals` sums them in SQL.
 */
import { eq, sql } from "drizzle-orm";
import { inKeys, preparedOnce, textArray } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { json, toDate } from "../db/rows";
import { accounts, licences, type AccountRow, type LicenceRow, type VehicleRow } from "../db/schema";
import { LAST_ENTRY_AT, UNSETTLED, type LedgerTotals } from "../licences/ledger.store";
import { ledgerWindowOrNull } from "../licences/licence.view";
import { accessRowsOf, accessUnion, personOf, type AccessQueryRow, type VehicleAccessRow } from "../vehicles/vehicle-access";
import { vehicleOfJson, type VehicleJson } from "../vehicles/vehicle.store";

export type Viewer = {
  account: AccountRow;
  licence: LicenceRow | null;
  /** The licence's totals for the cycle containing `now`; null without a licence. */
  ledger: LedgerTotals | null;
  access: VehicleAccessRow[];
  /** The vehicles of `access`. */
  vehicles: VehicleRow[];
};

const relations = accessUnion({ idNumberIn: (column) => sql`${column} = ${accounts.idNumber}`, accountIdIn: (column) => sql`${column} = ${accounts.id}` });

function build(db: PlatformDb) {
  const now = sql`${sql.placeholder("now")}::timestamptz`;
  return db
    .select({
      account: accounts,
      licence: licences,
      // [relations, their vehicles]: the relations computed once (the CTE), read twice. As json, not
      // jsonb: the text is only parsed here, and building jsonb (binary, keys sorted) made the statement
      // ≈ 15 % dearer (issue 12, 0.61–0.76 → 0.52–0.58 ms of CPU on a seeded database).
      access: sql<unknown>`(with x as materialized (${relations})
          select json_build_array(coalesce(json_agg(to_json(x)), '[]'::json),
            (select coalesce(json_agg(to_json(v)), '[]'::json) from vehicles v where v.plate in (select x.plate from x)))
          from x)`,
      // [applied, reserved, last entry] in one pass over the licence's entries (points_ledger_licence_idx),
      // as `totalsQuery` reads them (issue 12: the reserved points were a subquery that, planned without
      // statistics, scanned every reservation of the ledger). applied: [at in epoch ms, points] of the
      // applied points that may fall in the current cycle; last entry: voids left out (`LAST_ENTRY_AT`:
      // one index probe per RELEASED entry, test/plan-cache.test.ts).
      ledger: sql<unknown>`(select json_build_array(
            coalesce(json_agg(json_build_array(extract(epoch from l.at) * 1000, l.points))
              filter (where l.kind in ('APPLIED', 'ADJUSTED') and l.at >= ${now} - interval '400 days'), '[]'::json),
            coalesce(sum(l.points) filter (where l.kind = 'RESERVED' and ${UNSETTLED}), 0)::int,
            ${LAST_ENTRY_AT})
          from points_ledger l where l.licence_number = ${licences.number})`,
    })
    .from(accounts)
    .leftJoin(licences, eq(licences.holderIdNumber, accounts.idNumber))
    .where(inKeys(accounts.id))
    .prepare("viewers_by_ids");
}

/** The viewers of these account IDs at `now` (unknown IDs are left out), one statement for the batch. */
export async function viewersByIds(db: PlatformDb, ids: readonly string[], now: Date): Promise<Viewer[]> {
  if (ids.length === 0) return [];
  const rows = await preparedOnce(db, "viewers_by_ids", build).execute({ keys: textArray(ids), now: now.toISOString() });
  return rows.map((row) => {
    const person = personOf(row.account);
    const [access, vehicles] = json<[AccessQueryRow[], VehicleJson[]]>(row.access);
    return {
      account: row.account,
      licence: row.licence,
      ledger: row.licence ? ledgerOf(row.licence, json<LedgerJson>(row.ledger), now) : null,
      access: accessRowsOf([person], access).get(person.accountId) ?? [],
      vehicles: vehicles.map(vehicleOfJson),
    };
  });
}

/** The ledger column: [[at in epoch ms, points] applied or adjusted, reserved points, last entry's recorded_at, voids left out (JSON text)]. */
type LedgerJson = [[number | string, number][], number | string, string | null];

/**
 * The totals `ledgerTotals` gives for the licence's cycle containing `now`, from the row's entries; null
 * when the licence has no such cycle (first issued after `now`): left to the ledger loader, which then
 * fails that field alone as before.
 */
function ledgerOf(licence: LicenceRow, [applied, reserved, lastEntryAt]: LedgerJson, now: Date): LedgerTotals | null {
  const window = ledgerWindowOrNull(licence, now);
  if (!window) return null;
  const [start, end] = [window.cycleStart.getTime(), window.cycleEnd.getTime()];
  let points = 0;
  for (const [at, p] of applied) if (Number(at) >= start && Number(at) < end) points += Number(p);
  return { points: Math.max(0, points), reservedPoints: Number(reserved), lastEntryAt: lastEntryAt === null ? null : toDate(lastEntryAt) };
}
