/**
 * Reading the points ledger (docs/design.md §4): the points of the current cycle, the points reserved under
 * open handlings, and when the ledger last changed, for many licences in ONE statement.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { toDate } from "../db/rows";

/** What the ledger says about one licence. */
export type LedgerTotals = {
  /** Points applied in the cycle [cycleStart, cycleEnd), never below 0. */
  points: number;
  /** Points of RESERVED entries whose handling is not settled yet (any cycle: unpaid points carry over, 记分办法 §15). */
  reservedPoints: number;
  /**
   * When the home platform last wrote an entry for the licence that is not a void ({@link LAST_ENTRY_AT});
   * null for a ledger without one.
   */
  lastEntryAt: Date | null;
};

/** One licence and the cycle its points are summed over. */
export type LedgerWindow = { licenceNumber: string; cycleStart: Date; cycleEnd: Date };

type Row = { number: string; points: number; reserved: number; last_entry_at: unknown };

/**
 * `l`, a RESERVED entry, is not settled: no RELEASED/APPLIED entry of its handling. A correlated probe of
 * `points_ledger_settlement_uq` per reservation of the licence (issue 12): as a left join of the
 * settlements, the platform's generic plan without table statistics hashed every settlement of the
 * ledger (all paid and released handlings) for each read — 2,050 rows for 4 entries in a seeded ledger.
 */
export const UNSETTLED = sql`not exists (select 1 from points_ledger s where s.handling_id = l.handling_id and s.kind in ('RELEASED', 'APPLIED'))`;

/**
 * `l` is not a **void**: a void is a RELEASED entry with no reservation of its handling (`recordVoid`, the
 * settlement of a handling released before any reservation, docs/design.md §4). The writers store nothing
 * else that tells the two releases apart (both are 0 points with the handling, violation, province, note
 * and times), so a RELEASED entry probes `points_ledger_reservation_uq` (its predicate stated literally,
 * for the generic plan) for its handling's reservation; any other kind is decided by its kind alone, the
 * `or` being evaluated left to right, so entries other than releases cost no probe.
 */
const NOT_VOID = sql`(l.kind <> 'RELEASED' or exists (select 1 from points_ledger r where r.handling_id = l.handling_id and r.kind = 'RESERVED'))`;

/**
 * The last entry instant of the rows `l` of one licence, the `asOf` of its views (R-SYNC-2): the latest
 * `recorded_at` of its entries, voids left out. A void changes neither the points nor the reserved
 * points, and a province may record one under a licence for someone else's violation (a flagged
 * authorize that timed out, docs/design.md §4 step 2), so it must not date the licence; a release of a
 * reservation, a reservation and an applied or adjusted entry do. Null when there is no such entry.
 */
export const LAST_ENTRY_AT = sql`max(l.recorded_at) filter (where ${NOT_VOID})`;

/** Totals for each window, keyed by licence number (every window gets an entry, zeros when empty). */
export async function ledgerTotals(db: PlatformDb, windows: readonly LedgerWindow[]): Promise<Map<string, LedgerTotals>> {
  const totals = new Map<string, LedgerTotals>();
  if (windows.length === 0) return totals;
  for (const row of rowsOf<Row>(await db.execute(totalsQuery(windows, sql``)))) totals.set(row.number, totalsOf(row));
  return totals;
}

/** The totals statement (columns number, points, reserved, last_entry_at), with `extra` columns over the same rows `l`. */
function totalsQuery(windows: readonly LedgerWindow[], extra: SQL) {
  const values = sql.join(
    windows.map(
      (w) => sql`(${w.licenceNumber}::text, ${w.cycleStart.toISOString()}::timestamptz, ${w.cycleEnd.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  return totalsOfValues(values, extra);
}

/**
 * {@link totalsQuery} over `values`, the rows `(number, cycle_start, cycle_end)` of a VALUES list: literal
 * windows, or one window of placeholders in a statement built once (handoff/authorize.reads.ts).
 */
export function totalsOfValues(values: SQL, extra: SQL) {
  return sql`
    select w.number,
      greatest(0, coalesce(sum(l.points) filter (
        where l.kind in ('APPLIED', 'ADJUSTED') and l.at >= w.cycle_start and l.at < w.cycle_end), 0))::int as points,
      coalesce(sum(l.points) filter (where l.kind = 'RESERVED' and ${UNSETTLED}), 0)::int as reserved,
      ${LAST_ENTRY_AT} as last_entry_at${extra}
    from (values ${values}) as w(number, cycle_start, cycle_end)
    left join points_ledger l on l.licence_number = w.number
    group by w.number`;
}

function totalsOf(row: Row): LedgerTotals {
  return {
    points: Number(row.points),
    reservedPoints: Number(row.reserved),
    lastEntryAt: row.last_entry_at === null ? null : toDate(row.last_entry_at),
  };
}

/**
 * One licence's totals, and the points it has reserved for one violation under handlings other than
 * `handlingId` and not yet settled: a concurrent handling of the same violation (issue #10 §6). The
 * authorize path leaves them out of the points check (R-ELG-6), since one violation's points are never
 * due twice; which of the two handlings stands is the occurrence province's conditional flip, whose
 * loser is told ALREADY_HANDLED (R-DUP-1) and releases its reservation. One statement over the same
 * joined rows (issue 12: authorize read them in two).
 */
export async function ledgerTotalsForAuthorize(
  db: PlatformDb,
  window: LedgerWindow,
  violationId: string,
  handlingId: string,
): Promise<{ totals: LedgerTotals; reservedElsewhere: number }> {
  const extra = sql`,
      coalesce(max(l.points) filter (
        where l.kind = 'RESERVED' and l.violation_id = ${violationId} and l.handling_id <> ${handlingId} and ${UNSETTLED}), 0)::int as elsewhere`;
  const [row] = rowsOf<Row & { elsewhere: number }>(await db.execute(totalsQuery([window], extra)));
  return { totals: totalsOf(row!), reservedElsewhere: Number(row!.elsewhere) };
}
