/**
 * Sign-in by phone and SMS code: a bearer token (`signAccessToken` of @jg/identity, identity
 * CITIZEN) the gateway verifies. Requesting a sign-in code for an unknown phone answers the same as
 * for a known one, rate limits included, and sends nothing, so the endpoint is no oracle of who is
 * registered.
 */
import { AppFault } from "@jg/errors";
import { signAccessToken } from "@jg/identity";
import { eq } from "drizzle-orm";
import { accounts, type AccountRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { consumeSmsCode, issueSmsCode } from "./sms-codes";

/** Sends a sign-in code to a registered phone; returns the expiry whether or not the phone is known. */
export async function sendSignInCode(deps: PlatformDeps, phone: string, now: Date): Promise<Date> {
  const [account] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone));
  return issueSmsCode(deps.db, deps.citizen, { phone, purpose: "SIGN_IN", subject: "", now, deliver: account !== undefined });
}

/** Issues a citizen's bearer token. */
export async function tokenFor(deps: PlatformDeps, account: AccountRow, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const ttlSeconds = deps.citizen.settings.signInTokenTtlSeconds;
  const token = await signAccessToken({ kind: "CITIZEN", accountId: account.id }, { signer: deps.citizen.accessTokenSigner, now, ttlSeconds });
  return { token, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
}

/** Checks the code and signs the account in. An unknown phone fails like a wrong code. */
export async function signIn(deps: PlatformDeps, phone: string, code: string, now: Date): Promise<AccountRow> {
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.phone, phone));
  if (!account) throw new AppFault("SMS_CODE_INVALID");
  await consumeSmsCode(deps.db, deps.citizen, { phone, purpose: "SIGN_IN", subject: "", code, now });
  return account;
}
