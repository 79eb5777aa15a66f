/**
 * The home side of "authorize" (docs/design.md §4 step 2): may this account handle this violation, as far as
 * the home platform is concerned (R-ELG-1a/b/c, R-ELG-2, R-ELG-3, R-ELG-3E, R-ELG-4..7), and on
 * approval reserve the points under the handling ID, all in one transaction:
 * 1. lock the driver's licence row (SELECT … FOR UPDATE, read with the account): authorizations of one driver run one at a
 *    time, so two provinces asking at once for a driver at 9 points with 3 points each get one
 *    approval and one denial (R-ELG-6, R-SYNC-1);
 * 2. with `checkViewer`, answer hidden (`{ approved: false, visible: false }`, nothing written) when the
 *    account may not see the violation: the relations read in step 3 at its occurrence time, as
 *    `/internal/access` judges it (issue 12: the shard's separate access call);
 * 3. answer voided if the handling is settled (released, possibly before any reservation, or paid);
 *    otherwise return the first answer if this handling was already decided (idempotent retries);
 * 4. load the vehicle, the relations, the ledger (read with steps 2 and 3 in one statement, authorize.reads.ts);
 *    decide with @jg/rules; reserve; remember the answer (without `visible`: it is added to the answer
 *    sent to a `checkViewer` request, so a stored answer reads the same to either kind of request).
 */
import { AppFault } from "@jg/errors";
import { HIDDEN_FROM_VIEWER, type AuthorizeRequest, type AuthorizeResponse } from "@jg/handoff";
import { decideHomeAuthorization, policyFor, type Decision, type HomeAuthorizationInput } from "@jg/rules";
import { eq } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { authorizations, type LicenceRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { reserveAndAuthorize } from "../licences/ledger.writes";
import { accountWithLockedLicence } from "../licences/licence.store";
import { ledgerWindow, ledgerWindowOrNull, licenceFacts, licenceView } from "../licences/licence.view";
import { decideOverRelations, relationCandidates } from "../vehicles/relation";
import { covers, personOf } from "../vehicles/vehicle-access";
import { UNREGISTERED_VEHICLE, vehicleFacts } from "../vehicles/vehicle.facts";
import { HOME_PROVINCE_CODE } from "@jg/provinces";
import { authorizeReads, type AuthorizeReads } from "./authorize.reads";

const VOIDED: AuthorizeResponse = { approved: false, voided: true };

async function previousAnswer(tx: PlatformDb, req: AuthorizeRequest): Promise<AuthorizeResponse | null> {
  const rows = await tx.select().from(authorizations).where(eq(authorizations.handlingId, req.handlingId));
  const row = rows[0];
  return row ? checkedAnswer(req, { accountId: row.request["accountId"], violationId: row.violationId, response: row.response }) : null;
}

/** A stored authorization's answer, if it is this request's (same account and violation); else IDEMPOTENCY_KEY_REUSED. */
function checkedAnswer(req: AuthorizeRequest, previous: { accountId: unknown; violationId: string; response: unknown }): AuthorizeResponse {
  if (previous.accountId !== req.accountId || previous.violationId !== req.violation.id) {
    throw new AppFault("IDEMPOTENCY_KEY_REUSED", { details: { handlingId: req.handlingId } });
  }
  return previous.response as AuthorizeResponse;
}

function decideFor(
  deps: PlatformDeps,
  req: AuthorizeRequest,
  licence: LicenceRow | null,
  reads: AuthorizeReads,
  now: Date,
): { decision: Decision; pointsBefore: number; reservedBefore: number } {
  const { vehicle, ledger } = reads;
  // No window (now before the licence's first issue): raises BAD_USER_INPUT here, after the settled and
  // stored answers were given, where the separate ledger read used to.
  if (licence && !ledger) ledgerWindow(licence, now);
  // A concurrent handling of this same violation holds a reservation for it: its points are not due
  // twice, so they do not count against this request (R-ELG-6); the province's flip picks one handling
  // and tells the other ALREADY_HANDLED (R-DUP-1), instead of a false POINTS_WOULD_REACH_12 (issue #10 §6).
  const totals = ledger ? { ...ledger.totals, reservedPoints: ledger.totals.reservedPoints - ledger.reservedElsewhere } : undefined;
  const view = licence && totals ? licenceView(licence, totals, now) : null;
  const occurredAt = new Date(req.violation.occurredAt);
  const base: Omit<HomeAuthorizationInput, "relation"> = {
    violation: { occurredAt, points: req.violation.points, source: req.violation.source, provinceCode: req.violation.provinceCode },
    licence: view ? licenceFacts(view) : null,
    vehicle: vehicle ? vehicleFacts(vehicle) : UNREGISTERED_VEHICLE,
    policy: policyFor(now, HOME_PROVINCE_CODE, deps.policyTable),
    now,
  };
  const candidates = relationCandidates(reads.access, occurredAt);
  const decision = decideOverRelations(candidates, (relation) => decideHomeAuthorization({ ...base, relation }));
  return { decision, pointsBefore: view?.points ?? 0, reservedBefore: view?.reservedPoints ?? 0 };
}

/**
 * Decides and, on approval, reserves. Idempotent on `handlingId`: a repeat returns the first answer;
 * the same handling ID with another account or violation is refused (IDEMPOTENCY_KEY_REUSED). With
 * `checkViewer`, the viewer check comes first: hidden (nothing written) or the answer with `visible: true`.
 */
export async function authorizeHandling(deps: PlatformDeps, req: AuthorizeRequest): Promise<AuthorizeResponse> {
  const answer = await decideAndReserve(deps, req);
  return req.checkViewer && answer.visible !== false ? { ...answer, visible: true } : answer;
}

async function decideAndReserve(deps: PlatformDeps, req: AuthorizeRequest): Promise<AuthorizeResponse> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // The account with its licence locked, then in one statement whether the handling is settled with
    // its stored answer, the vehicle, the relations and the ledger's totals (issue 12: were seven).
    const { account, licence } = await accountWithLockedLicence(tx, req.accountId);
    const reads = await authorizeReads(tx, {
      handlingId: req.handlingId,
      violationId: req.violation.id,
      plate: req.violation.plate,
      person: account ? personOf(account) : null,
      // Null before the licence's first issue: the settled and stored answers below still stand (review F1).
      window: licence ? ledgerWindowOrNull(licence, now) : null,
    });
    // Someone else's violation answers as if it did not exist, before anything about the handling or the
    // driver is told or written: visible exactly when `/internal/access` would say so (the same relations,
    // `accessOfPeople`, judged at the occurrence time with `covers`; none without an account or a
    // registered vehicle, as there: filings and leases name a registered plate).
    if (req.checkViewer) {
      const occurredAt = new Date(req.violation.occurredAt);
      if (!reads.access.some((r) => covers(r, occurredAt))) return HIDDEN_FROM_VIEWER;
    }
    const { settled, previous: earlier } = reads;
    const previous = earlier ? checkedAnswer(req, earlier) : null;
    // Released (a void included) or paid: a late or repeated authorize of a settled handling is never
    // approved again, even when it was approved before (docs/design.md §4, ambiguous authorize).
    if (settled) return VOIDED;
    if (previous) return previous;

    const { decision, pointsBefore, reservedBefore } = decideFor(deps, req, licence, reads, now);
    if (decision.ok && licence) {
      // The reservation and the answer naming it, in one statement (issue 12).
      const answer = { approved: true as const, licenceNumber: licence.number, pointsBefore, reservedBefore };
      const { reservationId, stored } = await reserveAndAuthorize(
        tx,
        {
          licenceNumber: licence.number,
          handlingId: req.handlingId,
          violationId: req.violation.id,
          provinceCode: req.violation.provinceCode,
          points: req.violation.points,
          at: now,
          recordedAt: now,
        },
        { licenceNumber: licence.number, request: req, response: answer, decidedAt: now },
      );
      if (reservationId === null) {
        // Another request reserved this handling ID after this statement's snapshot (PostgreSQL): its stored
        // answer decides — IDEMPOTENCY_KEY_REUSED when it is another account's or violation's (review A-1).
        const theirs = await previousAnswer(tx, req);
        if (theirs) return theirs;
        throw new Error(`reservation of handling ${req.handlingId} not found after a conflicting insert`);
      }
      const response: AuthorizeResponse = { approved: true, reservationId, licenceNumber: licence.number, pointsBefore, reservedBefore };
      return stored ? response : ((await previousAnswer(tx, req)) ?? response);
    }
    // The rules never approve without a licence (NO_LICENCE, R-ELG-4), so a refusal has denials.
    const response: AuthorizeResponse = { approved: false, denials: decision.ok ? [] : decision.denials };
    const stored = await tx
      .insert(authorizations)
      .values({
        handlingId: req.handlingId,
        licenceNumber: licence?.number ?? null,
        violationId: req.violation.id,
        request: req,
        response,
        decidedAt: now,
      })
      .onConflictDoNothing()
      .returning({ handlingId: authorizations.handlingId });
    // Lost a race on a handling ID without a licence to lock: the winner's answer stands.
    if (stored.length === 0) return (await previousAnswer(tx, req)) ?? response;
    return response;
  });
}
