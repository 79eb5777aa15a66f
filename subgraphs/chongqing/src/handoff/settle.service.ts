/**
 * Settling reservations (docs/design.md §4 steps 3 and 4): "paid" turns a handling's reservation into points
 * on the licence, "reverted" (R-PAY-1) and the province's rollback release it. Each runs inside the
 * caller's transaction with the licence locked; a repeat, or a settlement after the other kind,
 * changes nothing (the ledger allows one settlement per handling).
 */
import type { ReleaseRequest } from "@jg/handoff";
import { preparedInTransaction } from "@jg/service-kit";
import { and, eq, sql } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { authorizations, licences, pointsLedger, RESERVED_ENTRY, type LedgerRow, type LicenceRow } from "../db/schema";
import { crossesFullScore, markFullScore } from "../licences/full-score";
import { applyReservation, recordVoid, reservationOf, settleReservation } from "../licences/ledger.writes";
import { accountWithLockedLicence } from "../licences/licence.store";
import { ledgerWindow } from "../licences/licence.view";

export type SettleOutcome = "settled" | "already-settled" | "no-reservation";
export type ReleaseOutcome = SettleOutcome | "voided";

/**
 * The reservation of a handling with its licence row locked (`for update`, as authorize locks it), in one statement (issue
 * 12: were two); only if it is about `violationId` (a message about one violation cannot settle another's
 * reservation, issue 10 §5), otherwise as if there were none. Every ledger row names an existing licence
 * (a foreign key), so no reservation is left out by the join.
 */
async function lockedReservationFor(tx: PlatformDb, handlingId: string, violationId: string | undefined): Promise<{ reservation: LedgerRow; licence: LicenceRow } | null> {
  // Built once per database handle (issue 12: drizzle built it for every paid message).
  const [row] = await preparedInTransaction(tx, "locked_reservation_for", (t) =>
    t
      .select({ reservation: pointsLedger, licence: licences })
      .from(pointsLedger)
      .innerJoin(licences, eq(licences.number, pointsLedger.licenceNumber))
      .where(and(eq(pointsLedger.handlingId, sql.placeholder("handlingId")), RESERVED_ENTRY))
      .for("update", { of: licences })
      .prepare("locked_reservation_for"),
  ).execute({ handlingId });
  return row && (violationId === undefined || row.reservation.violationId === violationId) ? row : null;
}

/**
 * Applies the reserved points of a paid handling, at the payment time `paidAt` (so points of a fine
 * paid in the next cycle land in that cycle: unpaid points carry over, 记分办法 §15). When the applied
 * points reach 12, the licence is marked (full-score.ts).
 */
export async function applyPaidHandling(tx: PlatformDb, handlingId: string, paidAt: Date, now: Date, violationId?: string): Promise<SettleOutcome> {
  const locked = await lockedReservationFor(tx, handlingId, violationId);
  if (!locked) return "no-reservation";
  const { reservation, licence } = locked;
  // The entry, and the cycle's points before it, in one statement (issue 12).
  const { pointsBefore, applied } = await applyReservation(tx, { reservation, window: ledgerWindow(licence, paidAt), at: paidAt, recordedAt: now });
  if (applied === null) return "already-settled";
  if (crossesFullScore(pointsBefore, applied)) await markFullScore(tx, licence, paidAt);
  return "settled";
}

/** Releases the reservation of a handling (reverted, or rolled back by the province). */
export async function releaseHandling(
  tx: PlatformDb,
  handlingId: string,
  at: Date,
  now: Date,
  note: string,
  violationId?: string,
): Promise<SettleOutcome> {
  const locked = await lockedReservationFor(tx, handlingId, violationId);
  if (!locked) return "no-reservation";
  const entry = await settleReservation(tx, { reservation: locked.reservation, kind: "RELEASED", at, recordedAt: now, note });
  return entry ? "settled" : "already-settled";
}

/**
 * Whether the first answer to `req.handlingId` (its `authorizations` row) was given about another
 * violation, another account or another licence than the release names (R-ELG-6, R-SYNC-1): such a
 * handling is not this caller's to release or void.
 */
async function authorizedForAnother(tx: PlatformDb, req: ReleaseRequest, licenceNumber: string | null): Promise<boolean> {
  const rows = await tx.select().from(authorizations).where(eq(authorizations.handlingId, req.handlingId));
  const row = rows[0];
  if (!row) return false;
  return (
    row.violationId !== req.violationId ||
    row.request["accountId"] !== req.accountId ||
    (row.licenceNumber !== null && row.licenceNumber !== licenceNumber)
  );
}

/**
 * The province's release (`POST /internal/release`, docs/design.md §4): after a lost race, or after an
 * authorize whose answer it did not get. It first locks the licence authorize locks (the account's), so
 * it runs wholly before or wholly after any authorize of the same handling: a reservation already made
 * is released; with none, a **void** is recorded and a later authorize of the handling ID answers
 * voided. Either way the handling ends with no held points. An account without a licence has nothing
 * to release or void ("no-reservation": authorize never reserves without one).
 *
 * A handling ID whose authorization (or reservation) names another violation, account or licence is
 * not this caller's to touch (R-ELG-6, R-SYNC-1): nothing is written, and the answer is the one an
 * unknown handling ID gets ("voided" with a licence, else "no-reservation"; a repeated release of an
 * unknown ID, now a void, is answered "voided" again), so the caller does not learn that the ID exists.
 */
export async function releaseOrVoid(tx: PlatformDb, req: ReleaseRequest, now: Date): Promise<ReleaseOutcome> {
  const { licence } = await accountWithLockedLicence(tx, req.accountId);
  const asIfUnknown: ReleaseOutcome = licence ? "voided" : "no-reservation";
  if (await authorizedForAnother(tx, req, licence?.number ?? null)) return asIfUnknown;
  const reservation = await reservationOf(tx, req.handlingId);
  if (reservation && (reservation.violationId !== req.violationId || reservation.licenceNumber !== licence?.number)) return asIfUnknown;
  const outcome = await releaseHandling(tx, req.handlingId, now, now, req.reason, req.violationId);
  if (outcome !== "no-reservation" || !licence) return outcome;
  // With no reservation, a settlement already there is a void (a repeat, or an earlier release of the ID):
  // answered "voided" again, as the first release was, so a repeat cannot tell an unknown ID from another's.
  await recordVoid(tx, { licenceNumber: licence.number, handlingId: req.handlingId, violationId: req.violationId, at: now, recordedAt: now, note: req.reason });
  return "voided";
}
