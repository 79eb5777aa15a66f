/**
 * The owner's filing QR code (R-FIL-4): a short-lived HS256 JWT (jose) naming the plate and the
 * owner's ID number, shown by the owner's app and scanned by the applicant. Signed with the service
 * secret under its own audience, so no other token of the platform passes as one.
 */
import { AppFault } from "@jg/errors";
import { jwtVerify, SignJWT } from "jose";

const AUDIENCE = "jg-filing-qr";
const ISSUER = "jg-platform";

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Issues the QR code of `plate` for its owner; valid `ttlSeconds` from `now`. */
export async function issueFilingQr(secret: string, input: { plate: string; ownerIdNumber: string }, now: Date, ttlSeconds: number): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ own: input.ownerIdNumber })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(input.plate)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(keyOf(secret));
}

/**
 * Checks a scanned code against the vehicle as it is now: the right plate, still owned by the person
 * who issued it, not expired on the injected clock. Throws BAD_USER_INPUT otherwise.
 */
export async function verifyFilingQr(secret: string, code: string, vehicle: { plate: string; ownerIdNumber: string }, now: Date): Promise<void> {
  try {
    const { payload } = await jwtVerify(code, keyOf(secret), {
      audience: AUDIENCE,
      issuer: ISSUER,
      algorithms: ["HS256"],
      currentDate: now,
    });
    if (payload.sub === vehicle.plate && payload["own"] === vehicle.ownerIdNumber) return;
  } catch (err) {
    throw new AppFault("BAD_USER_INPUT", { params: { reason: "the QR code is not valid or has expired" }, cause: err });
  }
  throw new AppFault("BAD_USER_INPUT", { params: { reason: "the QR code is not this vehicle's owner's" } });
}
