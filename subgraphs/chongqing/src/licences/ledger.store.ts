/**
 * Reading the points ledger (docs/design.md §4): the points of the current cycle, the points reserved under
 * open handlings, and when the ledger last changed, for many licences in ONE statement.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { toDate } from "../db/rows";

/** What the ledger says about one licence. */
export type LedgerTotals = {
  /** Points applied in the cycle [cycleStart, cycleEnd), never below 0. */
  points: number;
  /** Points of RESERVED entries whose handling is not settled yet (any cycle: unpaid points carry over, 记分办法 §15). */
  reservedPoints: number;
  /** When the home platform last wrote an entry for the licence; null for an empty ledger. */
  lastEntryAt: Date | null;
};

/** One licence and the cycle its points are summed over. */
export type LedgerWindow = { licenceNumber: string; cycleStart: Date; cycleEnd: Date };

type Row = { number: string; points: number; reserved: number; last_entry_at: unknown };

/**
 * Totals for each window, keyed by licence number (every window gets an entry, zeros when empty).
 * Settlement is a join, not a subquery: at most one RELEASED/APPLIED row exists per handling (unique
 * index), so the join never duplicates a reservation.
 */
export async function ledgerTotals(db: PlatformDb, windows: readonly LedgerWindow[]): Promise<Map<string, LedgerTotals>> {
  const totals = new Map<string, LedgerTotals>();
  if (windows.length === 0) return totals;
  const values = sql.join(
    windows.map(
      (w) => sql`(${w.licenceNumber}::text, ${w.cycleStart.toISOString()}::timestamptz, ${w.cycleEnd.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const result = await db.execute(sql`
    select w.number,
      greatest(0, coalesce(sum(l.points) filter (
        where l.kind in ('APPLIED', 'ADJUSTED') and l.at >= w.cycle_start and l.at < w.cycle_end), 0))::int as points,
      coalesce(sum(l.points) filter (where l.kind = 'RESERVED' and s.id is null), 0)::int as reserved,
      max(l.recorded_at) as last_entry_at
    from (values ${values}) as w(number, cycle_start, cycle_end)
    left join points_ledger l on l.licence_number = w.number
    left join points_ledger s on l.kind = 'RESERVED' and s.handling_id = l.handling_id
      and s.kind in ('RELEASED', 'APPLIED')
    group by w.number`);
  for (const row of rowsOf<Row>(result)) {
    totals.set(row.number, {
      points: Number(row.points),
      reservedPoints: Number(row.reserved),
      lastEntryAt: row.last_entry_at === null ? null : toDate(row.last_entry_at),
    });
  }
  return totals;
}

/**
 * Points a licence has reserved for one violation under handlings other than `handlingId` and not yet
 * settled: a concurrent handling of the same violation (issue #10 §6). The authorize path leaves them out
 * of the points check (R-ELG-6), since one violation's points are never due twice; which of the two
 * handlings stands is the occurrence province's conditional flip, whose loser is told ALREADY_HANDLED
 * (R-DUP-1) and releases its reservation.
 */
export async function reservedForViolationElsewhere(db: PlatformDb, licenceNumber: string, violationId: string, handlingId: string): Promise<number> {
  const result = await db.execute(sql`
    select coalesce(max(l.points), 0)::int as reserved
    from points_ledger l
    left join points_ledger s on s.handling_id = l.handling_id and s.kind in ('RELEASED', 'APPLIED')
    where l.licence_number = ${licenceNumber} and l.kind = 'RESERVED' and l.violation_id = ${violationId}
      and l.handling_id <> ${handlingId} and s.id is null`);
  return Number(rowsOf<{ reserved: number }>(result)[0]?.reserved ?? 0);
}
