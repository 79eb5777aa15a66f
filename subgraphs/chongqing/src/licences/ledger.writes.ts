/**
 * Writing the points ledger. Every function runs inside the caller's transaction, after the licence
 * row was locked (licence.store `lock…`), and relies on the ledger's unique indexes for idempotency:
 * a second reservation, or a second settlement, of one handling inserts nothing.
 */
import { provinceOfViolationId } from "@jg/provinces";
import { preparedInTransaction, preparedSql, rowsOf, typedPlaceholder } from "@jg/service-kit";
import { and, eq, sql } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { totalsOfValues, type LedgerWindow } from "./ledger.store";
import { pointsLedger, RESERVED_ENTRY, type LedgerRow } from "../db/schema";

export type ReserveInput = {
  licenceNumber: string;
  handlingId: string;
  violationId: string;
  provinceCode: string;
  points: number;
  at: Date;
  recordedAt: Date;
};

/**
 * Inserts the RESERVED entry of a handling (or finds the existing one, on a repeat) and the authorization
 * that answers with it (`response` plus the reservation's ID), in one statement (issue 12: were two); the
 * `authorizations` row is not written when one is stored for the handling already (`stored` false: the
 * caller answers with that one).
 */
export async function reserveAndAuthorize(
  tx: PlatformDb,
  input: ReserveInput,
  authorization: { licenceNumber: string; request: unknown; response: Record<string, unknown>; decidedAt: Date },
): Promise<{ reservationId: string | null; stored: boolean }> {
  const result = await preparedInTransaction(tx, "reserve_and_authorize", buildReserve).execute({
    licenceNumber: input.licenceNumber,
    points: input.points,
    handlingId: input.handlingId,
    violationId: input.violationId,
    provinceCode: input.provinceCode,
    at: input.at.toISOString(),
    recordedAt: input.recordedAt.toISOString(),
    authLicenceNumber: authorization.licenceNumber,
    request: JSON.stringify(authorization.request),
    response: JSON.stringify(authorization.response),
    decidedAt: authorization.decidedAt.toISOString(),
  });
  const row = rowsOf<{ reservation_id: string | null; stored: boolean }>(result)[0];
  // No reservation seen: on PostgreSQL another transaction reserved this handling ID and committed after this
  // statement's snapshot (its conflict made the insert do nothing); the caller answers from what it stored.
  return { reservationId: row?.reservation_id ?? null, stored: row?.stored === true };
}

/** {@link reserveAndAuthorize}'s statement, built once per database handle (issue 12: drizzle built it for every authorize). */
function buildReserve(tx: PlatformDb) {
  const p = typedPlaceholder;
  const handlingId = p("handlingId", "text");
  const violationId = p("violationId", "text");
  return preparedSql(
    tx,
    "reserve_and_authorize",
    sql`
    with reserved as (
      insert into points_ledger (licence_number, kind, points, handling_id, violation_id, province_code, at, recorded_at)
      values (${p("licenceNumber", "text")}, 'RESERVED', ${p("points", "int")}, ${handlingId}, ${violationId}, ${p("provinceCode", "text")},
              ${p("at", "timestamptz")}, ${p("recordedAt", "timestamptz")})
      on conflict do nothing
      returning id
    ), reservation as (
      select id from reserved
      union all
      select id from points_ledger where handling_id = ${handlingId} and kind = 'RESERVED'
      limit 1
    ), answered as (
      insert into authorizations (handling_id, licence_number, violation_id, request, response, decided_at)
      select ${handlingId}, ${p("authLicenceNumber", "text")}, ${violationId}, ${p("request", "jsonb")},
             ${p("response", "jsonb")} || jsonb_build_object('reservationId', id::text),
             ${p("decidedAt", "timestamptz")}
        from reservation
      on conflict do nothing
      returning handling_id
    )
    select (select id::text from reservation) as reservation_id, exists (select 1 from answered) as stored`,
  );
}

/** The RESERVED entry of a handling, if any. */
export async function reservationOf(tx: PlatformDb, handlingId: string): Promise<LedgerRow | null> {
  const rows = await preparedInTransaction(tx, "reservation_of", (t) =>
    t
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.handlingId, sql.placeholder("handlingId")), RESERVED_ENTRY))
      .prepare("reservation_of"),
  ).execute({ handlingId });
  return rows[0] ?? null;
}

export type SettleInput = {
  reservation: LedgerRow;
  kind: "APPLIED" | "RELEASED";
  /** Business time of the settlement (payment or revert time): decides the cycle of applied points. */
  at: Date;
  recordedAt: Date;
  note?: string;
};

/**
 * Settles a reservation: APPLIED turns its points into points on the licence (the fine was paid),
 * RELEASED gives them back (reverted or rolled back). Returns the new entry, or null when the
 * handling was already settled (either way: a paid handling is never released, and vice versa).
 */
export async function settleReservation(tx: PlatformDb, input: SettleInput): Promise<LedgerRow | null> {
  const { reservation } = input;
  const inserted = await preparedInTransaction(tx, "settle_reservation", buildSettle).execute({
    licenceNumber: reservation.licenceNumber,
    kind: input.kind,
    points: input.kind === "APPLIED" ? reservation.points : 0,
    handlingId: reservation.handlingId,
    violationId: reservation.violationId,
    provinceCode: reservation.provinceCode,
    at: input.at,
    recordedAt: input.recordedAt,
    note: input.note ?? null,
  });
  return inserted[0] ?? null;
}

/** {@link settleReservation}'s insert, built once per database handle (issue 12). */
function buildSettle(tx: PlatformDb) {
  const p = sql.placeholder;
  return tx
    .insert(pointsLedger)
    .values({
      licenceNumber: p("licenceNumber"),
      kind: p("kind"),
      points: p("points"),
      handlingId: p("handlingId"),
      violationId: p("violationId"),
      provinceCode: p("provinceCode"),
      at: p("at"),
      recordedAt: p("recordedAt"),
      note: p("note"),
    })
    .onConflictDoNothing()
    .returning()
    .prepare("settle_reservation");
}

/**
 * {@link settleReservation} APPLIED, with the licence's points in `window` as they stood before it (the
 * full-score check compares the two), in one statement (issue 12: were two): the totals are read in the
 * statement's snapshot, which the insert of its CTE does not change. `applied` is null when the handling
 * was settled already.
 */
export async function applyReservation(
  tx: PlatformDb,
  input: { reservation: LedgerRow; window: LedgerWindow; at: Date; recordedAt: Date },
): Promise<{ pointsBefore: number; applied: number | null }> {
  const { reservation: r, window } = input;
  const result = await preparedInTransaction(tx, "apply_reservation", buildApply).execute({
    licenceNumber: r.licenceNumber,
    points: r.points,
    handlingId: r.handlingId,
    violationId: r.violationId,
    provinceCode: r.provinceCode,
    at: input.at.toISOString(),
    recordedAt: input.recordedAt.toISOString(),
    windowNumber: window.licenceNumber,
    cycleStart: window.cycleStart.toISOString(),
    cycleEnd: window.cycleEnd.toISOString(),
  });
  const row = rowsOf<{ before: number; applied: number | null }>(result)[0];
  return { pointsBefore: Number(row?.before ?? 0), applied: row?.applied === null || row?.applied === undefined ? null : Number(row.applied) };
}

/** {@link applyReservation}'s statement, built once per database handle (issue 12). */
function buildApply(tx: PlatformDb) {
  const p = typedPlaceholder;
  const window = sql`(${p("windowNumber", "text")}, ${p("cycleStart", "timestamptz")}, ${p("cycleEnd", "timestamptz")})`;
  return preparedSql(
    tx,
    "apply_reservation",
    sql`
    with applied as (
      insert into points_ledger (licence_number, kind, points, handling_id, violation_id, province_code, at, recorded_at)
      values (${p("licenceNumber", "text")}, 'APPLIED', ${p("points", "int")}, ${p("handlingId", "text")}, ${p("violationId", "text")},
              ${p("provinceCode", "text")}, ${p("at", "timestamptz")}, ${p("recordedAt", "timestamptz")})
      on conflict do nothing
      returning points
    )
    select t.points as before, (select points from applied) as applied from (${totalsOfValues(window, sql``)}) t`,
  );
}

/**
 * Whether a handling is settled (RELEASED or APPLIED, a void included: such a handling ID is never
 * reserved again), and its stored authorization (its account, violation and answer), in one statement
 * (issue 12: authorize read them in two).
 */
export async function settledAndAuthorization(
  tx: PlatformDb,
  handlingId: string,
): Promise<{ settled: boolean; previous: { accountId: unknown; violationId: string; response: unknown } | null }> {
  const result = await tx.execute(sql`
    select exists (
        select 1 from ${pointsLedger} where ${pointsLedger.handlingId} = ${handlingId} and ${pointsLedger.kind} in ('RELEASED', 'APPLIED')
      ) as settled,
      (select jsonb_build_object('accountId', a.request -> 'accountId', 'violationId', a.violation_id, 'response', a.response)
         from authorizations a where a.handling_id = ${handlingId}) as previous`);
  type Row = { settled: boolean; previous: unknown };
  const row = rowsOf<Row>(result)[0]!;
  const previous = typeof row.previous === "string" ? JSON.parse(row.previous) : row.previous;
  return { settled: row.settled === true, previous: (previous as { accountId: unknown; violationId: string; response: unknown } | null) ?? null };
}

export type VoidInput = { licenceNumber: string; handlingId: string; violationId: string; at: Date; recordedAt: Date; note: string };

/**
 * Records a **void**: the settlement (RELEASED, 0 points) of a handling released before any reservation
 * of it, so a late authorize of that handling ID is answered voided (docs/design.md §4). Returns the
 * entry, or null when the handling was already settled.
 */
export async function recordVoid(tx: PlatformDb, input: VoidInput): Promise<LedgerRow | null> {
  const inserted = await tx
    .insert(pointsLedger)
    .values({ ...input, kind: "RELEASED", points: 0, provinceCode: provinceOfViolationId(input.violationId) })
    .onConflictDoNothing()
    .returning();
  return inserted[0] ?? null;
}
