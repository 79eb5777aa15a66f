/**
 * Registration (R-REG-1 app flow, R-REG-2 web flow): the data and passed steps are kept in
 * `registrations` until `decideRegistrationComplete` (@jg/rules) approves; completion creates the
 * account. The person's own Chongqing vehicles attach by ID number with nothing written (R-FIL-1:
 * `vehicles.owner_id_number` = `accounts.id_number`, see db/schema/accounts.ts).
 */
import { randomUUID } from "node:crypto";
import { AppFault } from "@jg/errors";
import { decideRegistrationComplete, registrationSteps, type Step } from "@jg/rules";
import { eq, or } from "drizzle-orm";
import { requireFace } from "../adapters/face";
import type { PlatformDb } from "../db/database";
import { accounts, registrations, type AccountRow, type RegistrationRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { consumeSmsCode, issueSmsCode } from "./sms-codes";

export type StartInput =
  | { channel: "APP"; phone: string; provinceCode: string; name: string; idNumber: string }
  | { channel: "WEB"; phone: string; name: string; idNumber: string; userType: "PERSON" | "COMPANY" };

/** The steps the data given at start already passes. */
function stepsOfData(input: StartInput): Step[] {
  return input.channel === "APP" ? ["PROVINCE", "PERSONAL_DATA"] : ["USER_DATA", "USER_TYPE"];
}

async function refuseTaken(db: PlatformDb, phone: string, idNumber: string): Promise<void> {
  const taken = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(or(eq(accounts.phone, phone), eq(accounts.idNumber, idNumber)))
    .limit(1);
  if (taken.length > 0) throw new AppFault("BAD_USER_INPUT", { params: { reason: "this phone or ID number is already registered" } });
}

/** Starts a registration (R-REG-1 / R-REG-2). */
export async function startRegistration(deps: PlatformDeps, input: StartInput, now: Date): Promise<RegistrationRow> {
  // This platform registers Chongqing users; the app's province choice routes others elsewhere.
  if (input.channel === "APP" && input.provinceCode !== "50") {
    throw new AppFault("BAD_USER_INPUT", { params: { reason: "this platform registers users of Chongqing (province 50)" } });
  }
  await refuseTaken(deps.db, input.phone, input.idNumber);
  const [row] = await deps.db
    .insert(registrations)
    .values({
      id: randomUUID(),
      channel: input.channel,
      phone: input.phone,
      provinceCode: input.channel === "APP" ? input.provinceCode : "50",
      name: input.name,
      idNumber: input.idNumber,
      userType: input.channel === "WEB" ? input.userType : "PERSON",
      completedSteps: stepsOfData(input),
      createdAt: now,
    })
    .returning();
  return row!;
}

/** A registration still open, or NOT_FOUND (also for a completed one: its handle is spent). */
export async function openRegistration(db: PlatformDb, id: string, lock = false): Promise<RegistrationRow> {
  const query = db.select().from(registrations).where(eq(registrations.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || row.accountId !== null) throw new AppFault("NOT_FOUND");
  return row;
}

/** Marks steps passed, under the row lock (parallel steps do not overwrite each other). */
async function markSteps(db: PlatformDb, id: string, steps: readonly Step[]): Promise<RegistrationRow> {
  return db.transaction(async (tx) => {
    const row = await openRegistration(tx, id, true);
    const allowed = registrationSteps(row.channel);
    const bad = steps.find((s) => !allowed.includes(s));
    if (bad) throw new AppFault("BAD_USER_INPUT", { params: { reason: `step ${bad} is not part of the ${row.channel} registration` } });
    const completedSteps = allowed.filter((s) => row.completedSteps.includes(s) || steps.includes(s));
    const [updated] = await tx.update(registrations).set({ completedSteps }).where(eq(registrations.id, id)).returning();
    return updated!;
  });
}

/** R-REG-1: the device-side steps the app reports (permissions granted, fingerprint or gesture lock set). */
export function confirmDeviceSteps(deps: PlatformDeps, id: string, steps: readonly ("PERMISSIONS" | "LOCK")[]): Promise<RegistrationRow> {
  return markSteps(deps.db, id, steps);
}

/** R-REG-1: face recognition of the person named in the registration. */
export async function verifyRegistrationFace(deps: PlatformDeps, id: string, faceToken: string): Promise<RegistrationRow> {
  const row = await openRegistration(deps.db, id);
  if (row.channel !== "APP") throw new AppFault("BAD_USER_INPUT", { params: { reason: "face recognition is a step of the app registration" } });
  await requireFace(deps.citizen.face, { idNumber: row.idNumber!, name: row.name!, faceToken });
  return markSteps(deps.db, id, ["FACE"]);
}

/** Sends the registration's SMS code to its phone. */
export async function sendRegistrationCode(deps: PlatformDeps, id: string, phone: string, now: Date): Promise<Date> {
  const row = await openRegistration(deps.db, id);
  if (row.phone !== phone) throw new AppFault("BAD_USER_INPUT", { params: { reason: "phone differs from the registration's" } });
  return issueSmsCode(deps.db, deps.citizen, { phone, purpose: "REGISTRATION", subject: id, now });
}

/** R-REG-1, R-REG-2: the SMS step. */
export async function verifyRegistrationCode(deps: PlatformDeps, id: string, code: string, now: Date): Promise<RegistrationRow> {
  const row = await openRegistration(deps.db, id);
  await consumeSmsCode(deps.db, deps.citizen, { phone: row.phone, purpose: "REGISTRATION", subject: id, code, now });
  return markSteps(deps.db, id, ["SMS"]);
}

/**
 * Completes a registration when `decideRegistrationComplete` approves, creating the account. A
 * retry of a completed registration answers the same account (idempotent), and nothing else.
 */
export async function completeRegistration(deps: PlatformDeps, id: string, now: Date): Promise<AccountRow> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).for("update");
    if (!row) throw new AppFault("NOT_FOUND");
    if (row.accountId !== null) {
      const [existing] = await tx.select().from(accounts).where(eq(accounts.id, row.accountId));
      return existing!;
    }
    const decision = decideRegistrationComplete(row.channel, row.completedSteps as Step[]);
    if (!decision.ok) {
      const missing = registrationSteps(row.channel).filter((s) => !row.completedSteps.includes(s));
      throw new AppFault("BAD_USER_INPUT", {
        params: { reason: `registration steps missing: ${missing.join(", ")}` },
        details: { missingSteps: missing, denials: decision.denials.map((d) => ({ code: d.code, ruleId: d.ruleId })) },
      });
    }
    const [account] = await tx
      .insert(accounts)
      .values({ id: randomUUID(), name: row.name!, idNumber: row.idNumber!, phone: row.phone, userType: row.userType ?? "PERSON", provinceCode: row.provinceCode ?? "50", createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!account) throw new AppFault("BAD_USER_INPUT", { params: { reason: "this phone or ID number is already registered" } });
    await tx.update(registrations).set({ accountId: account.id, completedAt: now }).where(eq(registrations.id, id));
    return account;
  });
}
