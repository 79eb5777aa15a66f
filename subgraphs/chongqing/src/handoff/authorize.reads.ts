/**
 * What authorize reads once the licence is locked (authorize.service.ts), in ONE statement (issue 12:
 * it was four, each ≈ 0.4 ms of CPU on PGlite), built once: whether the handling is settled with its stored answer,
 * the vehicle, the account's relations to it, and the licence's ledger totals with this violation's
 * reservations under other handlings. The same rows as `settledAndAuthorization`, `vehiclesByPlates`,
 * `accessOfPeople` and `ledgerTotalsForAuthorize`, which test/authorize-reads.test.ts pins it to.
 */
import { sql } from "drizzle-orm";
import { preparedInTransaction, preparedSql, rowsOf } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { json, toDate } from "../db/rows";
import { pointsLedger, type VehicleRow } from "../db/schema";
import type { LedgerTotals, LedgerWindow } from "../licences/ledger.store";
import { totalsOfValues, UNSETTLED } from "../licences/ledger.store";
import { accessRowsOf, accessUnion, type AccessQueryRow, type Person, type VehicleAccessRow } from "../vehicles/vehicle-access";
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

/**
 * The statement, built once per database handle and run on the transaction's connection (issue 12: it was
 * built anew by drizzle for every authorize, in four variants). Without a person the ID-number and account
 * parameters are null, and `= null` selects no relation; without a window the licence number is null and
 * the ledger column is ignored.
 */
function build(tx: PlatformDb) {
  const text = (name: string) => sql`${sql.placeholder(name)}::text`;
  const handlingId = text("handlingId");
  const relations = accessUnion(
    { idNumberIn: (column) => sql`${column} = ${text("idNumber")}`, accountIdIn: (column) => sql`${column} = ${text("accountId")}` },
    (column) => sql`${column} = ${text("plate")}`,
  );
  const extra = sql`,
      coalesce(max(l.points) filter (
        where l.kind = 'RESERVED' and l.violation_id = ${text("violationId")} and l.handling_id <> ${handlingId} and ${UNSETTLED}), 0)::int as elsewhere`;
  const window = sql`(${text("licenceNumber")}, ${sql.placeholder("cycleStart")}::timestamptz, ${sql.placeholder("cycleEnd")}::timestamptz)`;
  return preparedSql(
    tx,
    "authorize_reads",
    sql`
    select exists (
        select 1 from ${pointsLedger} where ${pointsLedger.handlingId} = ${handlingId} and ${pointsLedger.kind} in ('RELEASED', 'APPLIED')
      ) as settled,
      (select jsonb_build_object('accountId', a.request -> 'accountId', 'violationId', a.violation_id, 'response', a.response)
         from authorizations a where a.handling_id = ${handlingId}) as previous,
      (select to_jsonb(v) from vehicles v where v.plate = ${text("plate")}) as vehicle,
      (select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) from (${relations}) x) as access,
      (select to_jsonb(t) from (${totalsOfValues(window, extra)}) t) as ledger`,
  );
}

export async function authorizeReads(
  tx: PlatformDb,
  input: { handlingId: string; violationId: string; plate: string; person: Person | null; window: LedgerWindow | null },
): Promise<AuthorizeReads> {
  const { handlingId, violationId, plate, person, window } = input;
  const result = await preparedInTransaction(tx, "authorize_reads", build).execute({
    handlingId,
    violationId,
    plate,
    idNumber: person?.idNumber ?? null,
    accountId: person?.accountId ?? null,
    licenceNumber: window?.licenceNumber ?? null,
    cycleStart: window?.cycleStart.toISOString() ?? null,
    cycleEnd: window?.cycleEnd.toISOString() ?? null,
  });
  type Row = { settled: boolean; previous: unknown; vehicle: unknown; access: unknown; ledger: unknown };
  const row = rowsOf<Row>(result)[0]!;
  const vehicleJson = row.vehicle === null ? null : json<VehicleJson>(row.vehicle);
  const accessRows = json<AccessQueryRow[]>(row.access);
  type LedgerJson = { points: number; reserved: number; last_entry_at: string | null; elsewhere: number };
  const ledgerJson = window === null || row.ledger === null ? null : json<LedgerJson>(row.ledger);
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
