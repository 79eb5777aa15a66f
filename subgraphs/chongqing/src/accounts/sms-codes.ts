/**
 * One-time SMS codes (R-REG-1, R-REG-2, R-FIL-5, R-FIL-6): 6 digits from a CSPRNG, stored as an HMAC
 * (a bare hash of 10^6 codes is reversed at once), bound to a purpose and subject, expiring on the
 * injected clock, a limited number of attempts, and a send rate limit per phone. Settings and their
 * defaults: src/adapters/settings.ts.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { AppFault } from "@jg/errors";
import { and, count, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { CitizenServices } from "../adapters/citizen-services";
import type { PlatformDb } from "../db/database";
import { smsCodes, type SmsPurpose } from "../db/schema";

const DAY_MS = 24 * 60 * 60 * 1000;

function hashCode(secret: string, phone: string, code: string): string {
  return createHmac("sha256", secret).update(`${phone}:${code}`).digest("hex");
}

export type IssueInput = {
  phone: string;
  purpose: SmsPurpose;
  subject: string;
  now: Date;
  /** False: count the request against the phone's limits but send nothing (unknown sign-in phones). Default true. */
  deliver?: boolean;
};

/**
 * Issues a code and sends it. Refuses RATE_LIMITED when the phone got a code less than
 * `minIntervalSeconds` ago or `maxPerDay` codes in the last 24 hours. Returns the expiry.
 */
export async function issueSmsCode(db: PlatformDb, services: CitizenServices, input: IssueInput): Promise<Date> {
  const { sms } = services.settings;
  const { phone, now } = input;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + sms.codeTtlSeconds * 1000);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    // One sender per phone at a time: parallel requests cannot all pass the rate check.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sms:${phone}`}))`);
    const [recent] = await tx
      .select({ n: count(), last: sql<unknown>`max(${smsCodes.createdAt})` })
      .from(smsCodes)
      .where(and(eq(smsCodes.phone, phone), gt(smsCodes.createdAt, new Date(now.getTime() - DAY_MS))));
    const last = recent?.last == null ? null : new Date(recent.last as string | Date);
    if (last && now.getTime() - last.getTime() < sms.minIntervalSeconds * 1000) {
      const retryAfterSeconds = Math.ceil((last.getTime() + sms.minIntervalSeconds * 1000 - now.getTime()) / 1000);
      throw new AppFault("RATE_LIMITED", { details: { retryAfterSeconds } });
    }
    if ((recent?.n ?? 0) >= sms.maxPerDay) throw new AppFault("RATE_LIMITED", { details: { limitPerDay: sms.maxPerDay } });
    await tx.insert(smsCodes).values({
      id,
      phone,
      purpose: input.purpose,
      subject: input.subject,
      codeHash: hashCode(services.codeSecret, phone, code),
      createdAt: now,
      expiresAt,
    });
  });
  if (input.deliver === false) return expiresAt;
  try {
    await services.sms.send({ phone, code, purpose: input.purpose, sentAt: now });
  } catch (err) {
    // A gateway refusal (e.g. PRODUCTION_ADAPTER_MISSING) leaves no usable code and takes no quota.
    await db.delete(smsCodes).where(eq(smsCodes.id, id));
    throw err;
  }
  return expiresAt;
}

export type CheckInput = IssueInput & { code: string };

/**
 * Checks and consumes the newest code of (phone, purpose, subject). Every check spends one attempt
 * first (an atomic UPDATE, so parallel guesses cannot exceed the limit); a right code is consumed
 * once. Throws SMS_CODE_INVALID, SMS_CODE_EXPIRED or SMS_CODE_TOO_MANY_ATTEMPTS.
 */
export async function consumeSmsCode(db: PlatformDb, services: CitizenServices, input: CheckInput): Promise<void> {
  const { phone, purpose, subject, now } = input;
  const [latest] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose), eq(smsCodes.subject, subject), isNull(smsCodes.consumedAt)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!latest) throw new AppFault("SMS_CODE_INVALID");
  if (latest.expiresAt.getTime() <= now.getTime()) throw new AppFault("SMS_CODE_EXPIRED");
  const spent = await db
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(and(eq(smsCodes.id, latest.id), lt(smsCodes.attempts, services.settings.sms.maxAttempts)))
    .returning({ attempts: smsCodes.attempts });
  if (spent.length === 0) throw new AppFault("SMS_CODE_TOO_MANY_ATTEMPTS");
  const expected = Buffer.from(latest.codeHash, "hex");
  const given = Buffer.from(hashCode(services.codeSecret, phone, input.code), "hex");
  if (!timingSafeEqual(expected, given)) throw new AppFault("SMS_CODE_INVALID");
  const consumed = await db
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(and(eq(smsCodes.id, latest.id), isNull(smsCodes.consumedAt)))
    .returning({ id: smsCodes.id });
  if (consumed.length === 0) throw new AppFault("SMS_CODE_INVALID");
}
