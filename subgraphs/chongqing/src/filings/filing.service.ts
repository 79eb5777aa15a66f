/**
 * Applying for and releasing filings (R-FIL-2..6, R-ELG-2). The decision is `decideFiling` of
 * @jg/rules; PENDING filings count toward the limits as ACTIVE ones do (a pending application holds
 * its place until reviewed, so racing approvals can never exceed 3). Counting and inserting happen
 * in one transaction under the account-then-vehicle row locks (filing.locks.ts).
 */
import { randomUUID } from "node:crypto";
import { AppFault } from "@jg/errors";
import { decideFiling, filingCodeRecipient, policyFor, type Decision, type FilingMethod as RuleMethod } from "@jg/rules";
import { and, eq, inArray } from "drizzle-orm";
import { requireFace } from "../adapters/face";
import { consumeSmsCode, issueSmsCode } from "../accounts/sms-codes";
import type { PlatformDb } from "../db/database";
import { filings, vehicles, type AccountRow, type FilingMethod, type FilingRow, type VehicleRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { vehicleFacts } from "../vehicles/vehicle.facts";
import { verifyFilingQr } from "./filing-qr";
import { applicationCounts, LIVE_STATUSES, liveCounts, lockAccountAndVehicle } from "./filing.locks";

/** The stored method (QR, SMS, COMPANY_SMS) as the rules name it. */
const RULE_METHOD: Record<FilingMethod, RuleMethod> = { QR: "QR", SMS: "SMS_OWNER", COMPANY_SMS: "SMS_COMPANY" };

export type FilingOutcome = { filing: FilingRow | null; decision: Decision };

/** `decideFiling` for this applicant and vehicle with the given counts. */
export async function decideFor(
  deps: PlatformDeps,
  tx: PlatformDb,
  input: { account: AccountRow; vehicle: VehicleRow; method: FilingMethod; now: Date; exceptId?: string },
): Promise<Decision> {
  const { account, vehicle, now } = input;
  const counts = await liveCounts(tx, account.id, vehicle.plate, input.exceptId);
  const policy = policyFor(now, "50", deps.policyTable);
  const apps = policy.filingApplicationLimits && !input.exceptId ? await applicationCounts(tx, account.id, now) : { today: 0, thisYear: 0 };
  return decideFiling({
    activeFilingsOfUser: counts.ofUser,
    activeDriversOfVehicle: counts.ofVehicle,
    vehicle: vehicleFacts(vehicle),
    applicantIsOwner: vehicle.ownerIdNumber === account.idNumber,
    policy,
    method: RULE_METHOD[input.method],
    applicationsToday: apps.today,
    applicationsThisYear: apps.thisYear,
  });
}

/** The vehicle, or NOT_FOUND. */
export async function vehicleOrNotFound(db: PlatformDb, plate: string): Promise<VehicleRow> {
  const [vehicle] = await db.select().from(vehicles).where(eq(vehicles.plate, plate));
  if (!vehicle) throw new AppFault("NOT_FOUND");
  return vehicle;
}

/** The user's live filing of the vehicle, if any. */
async function liveFiling(db: PlatformDb, accountId: string, plate: string): Promise<FilingRow | null> {
  const [row] = await db
    .select()
    .from(filings)
    .where(and(eq(filings.accountId, accountId), eq(filings.plate, plate), inArray(filings.status, [...LIVE_STATUSES])));
  return row ?? null;
}

/** The phone the filing code goes to (R-FIL-5 owner, R-FIL-6 manager); BAD_USER_INPUT when unrecorded. */
function codePhone(method: FilingMethod, vehicle: VehicleRow): string {
  const to = filingCodeRecipient(RULE_METHOD[method], { ...(vehicle.ownerPhone ? { ownerPhone: vehicle.ownerPhone } : {}), ...(vehicle.managerPhone ? { managerPhone: vehicle.managerPhone } : {}) });
  if (to.channel !== "SMS" || !to.phone) throw new AppFault("BAD_USER_INPUT", { params: { reason: "no phone is recorded for this vehicle's code" } });
  return to.phone;
}

/** The SMS subject binding a filing code to one applicant and one vehicle. */
const subjectOf = (accountId: string, plate: string) => `${accountId}:${plate}`;

/**
 * R-FIL-5, R-FIL-6: sends the filing code to the owner's (or the company manager's) phone, after
 * the rules allow the filing (no code goes out for a filing that would be refused).
 */
export async function requestFilingCode(
  deps: PlatformDeps,
  account: AccountRow,
  input: { plate: string; method: "SMS" | "COMPANY_SMS" },
  now: Date,
): Promise<{ phone: string | null; expiresAt: Date | null; decision: Decision }> {
  const vehicle = await vehicleOrNotFound(deps.db, input.plate);
  const decision = await decideFor(deps, deps.db, { account, vehicle, method: input.method, now });
  if (!decision.ok) return { phone: null, expiresAt: null, decision };
  const phone = codePhone(input.method, vehicle);
  const expiresAt = await issueSmsCode(deps.db, deps.citizen, { phone, purpose: "FILING", subject: subjectOf(account.id, vehicle.plate), now });
  return { phone, expiresAt, decision };
}

export type ApplyInput = { plate: string; method: FilingMethod; qrCode?: string | undefined; smsCode?: string | undefined; faceToken: string };

/**
 * Applies for a filing (R-FIL-2..6): face of the applicant, the owner's proof (QR or SMS code), then
 * the limits under locks; inserts a PENDING filing. A retry while the filing is live answers it.
 */
export async function applyFiling(deps: PlatformDeps, account: AccountRow, input: ApplyInput, now: Date): Promise<FilingOutcome> {
  const existing = await liveFiling(deps.db, account.id, input.plate);
  if (existing) return { filing: existing, decision: { ok: true } };
  const vehicle = await vehicleOrNotFound(deps.db, input.plate);
  // Refuse by the rules before spending the owner's code.
  const first = await decideFor(deps, deps.db, { account, vehicle, method: input.method, now });
  if (!first.ok) return { filing: null, decision: first };
  await requireFace(deps.citizen.face, { idNumber: account.idNumber, name: account.name, faceToken: input.faceToken });
  if (input.method === "QR") {
    if (!input.qrCode) throw new AppFault("BAD_USER_INPUT", { params: { reason: "qrCode is required for a QR filing" } });
    await verifyFilingQr(deps.citizen.codeSecret, input.qrCode, vehicle, now);
  } else {
    if (!input.smsCode) throw new AppFault("BAD_USER_INPUT", { params: { reason: "smsCode is required for an SMS filing" } });
    const phone = codePhone(input.method, vehicle);
    await consumeSmsCode(deps.db, deps.citizen, { phone, purpose: "FILING", subject: subjectOf(account.id, vehicle.plate), code: input.smsCode, now });
  }
  return deps.db.transaction(async (tx) => {
    const locked = await lockAccountAndVehicle(tx, account.id, vehicle.plate);
    if (!locked) throw new AppFault("NOT_FOUND");
    const again = await liveFiling(tx, account.id, vehicle.plate);
    if (again) return { filing: again, decision: { ok: true } };
    const decision = await decideFor(deps, tx, { account: locked.account, vehicle: locked.vehicle, method: input.method, now });
    if (!decision.ok) return { filing: null, decision };
    const [row] = await tx
      .insert(filings)
      .values({ id: randomUUID(), accountId: account.id, plate: vehicle.plate, method: input.method, status: "PENDING", appliedAt: now })
      .returning();
    return { filing: row!, decision };
  });
}

/**
 * Releases the user's own filing (PENDING or ACTIVE → RELEASED). Idempotent; someone else's filing is
 * NOT_FOUND, like an unknown ID (issue #10 §3).
 */
export async function releaseFiling(deps: PlatformDeps, account: AccountRow, id: string, now: Date): Promise<FilingRow> {
  const [row] = await deps.db.select().from(filings).where(eq(filings.id, id));
  if (!row || row.accountId !== account.id) throw new AppFault("NOT_FOUND");
  if (row.status === "RELEASED") return row;
  const [updated] = await deps.db
    .update(filings)
    .set({ status: "RELEASED", releasedAt: now })
    .where(and(eq(filings.id, id), inArray(filings.status, [...LIVE_STATUSES])))
    .returning();
  if (updated) return updated;
  const [now2] = await deps.db.select().from(filings).where(eq(filings.id, id));
  if (now2?.status === "RELEASED") return now2;
  throw new AppFault("BAD_USER_INPUT", { params: { reason: "a rejected filing cannot be released" } });
}
