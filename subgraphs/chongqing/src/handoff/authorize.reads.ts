/**
 * What authorize reads once the licence is locked (authorize.service.ts), in ONE statement (issue 12:
 * it was four, each ≈ 0.4 ms of CPU on PGlite): whether the handling is settled with its stored answer,
 * the vehicle, the account's relations to it, and the licence's ledger totals with this violation's
 * reservations under other handlings. The same rows as `settledAndAuthorization`, `vehiclesByPlates`,
 * `accessOfPeople` and `ledgerTotalsForAuthorize`, which test/authorize-reads.test.ts pins it to.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { json, toDate } from "../db/rows";
import { pointsLedger, type VehicleRow } from "../db/schema";
import type { LedgerTotals, LedgerWindow } from "../licences/ledger.store";
import { totalsQuery, UNSETTLED } from "../licences/ledger.store";
import { accessQuery, accessRowsOf, type AccessQueryRow, type Person, type VehicleAccessRow } from "../vehicles/vehicle-access";
import { vehicleOfJson, type VehicleJson } from "../vehicles/vehicle.store";

export type AuthorizeReads = {
  settled: boolean;
  previous: { accountId: unknown; violationId: string; response: unknown } | null;
  vehicle: VehicleRow | undefined;
  /** The person's relations to the vehicle (empty without a person or a registered vehicle). */
  access: VehicleAccessRow[];
  /** Undefined without a licence window. */
  ledger: { totals: LedgerTotals; reservedElsewhere: number } | undefined;
};

export async function authorizeReads(
  tx: PlatformDb,
  input: { handlingId: string; violationId: string; plate: string; person: Person | null; window: LedgerWindow | null },
): Promise<AuthorizeReads> {
  const { handlingId, violationId, plate, person, window } = input;
  const access = person ? sql`(select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) from (${accessQuery([person], [plate])}) x)` : sql`'[]'::jsonb`;
  const extra = sql`,
      coalesce(max(l.points) filter (
        where l.kind = 'RESERVED' and l.violation_id = ${violationId} and l.handling_id <> ${handlingId} and ${UNSETTLED}), 0)::int as elsewhere`;
  const ledger = window ? sql`(select to_jsonb(t) from (${totalsQuery([window], extra)}) t)` : sql`null::jsonb`;
  const result = await tx.execute(sql`
    select exists (
        select 1 from ${pointsLedger} where ${pointsLedger.handlingId} = ${handlingId} and ${pointsLedger.kind} in ('RELEASED', 'APPLIED')
      ) as settled,
      (select jsonb_build_object('accountId', a.request -> 'accountId', 'violationId', a.violation_id, 'response', a.response)
         from authorizations a where a.handling_id = ${handlingId}) as previous,
      (select to_jsonb(v) from vehicles v where v.plate = ${plate}) as vehicle,
      ${access} as access,
      ${ledger} as ledger`);
  type Row = { settled: boolean; previous: unknown; vehicle: unknown; access: unknown; ledger: unknown };
  const row = rowsOf<Row>(result)[0]!;
  const vehicleJson = row.vehicle === null ? null : json<VehicleJson>(row.vehicle);
  const accessRows = json<AccessQueryRow[]>(row.access);
  type LedgerJson = { points: number; reserved: number; last_entry_at: string | null; elsewhere: number };
  const ledgerJson = row.ledger === null ? null : json<LedgerJson>(row.ledger);
  return {
    settled: row.settled === true,
    previous: row.previous === null ? null : json<AuthorizeReads["previous"]>(row.previous),
    vehicle: vehicleJson ? vehicleOfJson(vehicleJson) : undefined,
    // No registered vehicle, no relation to it (as authorize always read it).
    access: person && vehicleJson ? (accessRowsOf([person], accessRows).get(person.accountId) ?? []) : [],
    ledger: ledgerJson
      ? {
          totals: {
            points: Number(ledgerJson.points),
            reservedPoints: Number(ledgerJson.reserved),
            lastEntryAt: ledgerJson.last_entry_at === null ? null : toDate(ledgerJson.last_entry_at),
          },
          reservedElsewhere: Number(ledgerJson.elsewhere),
        }
      : undefined,
  };
}
