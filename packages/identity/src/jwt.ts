/**
 * The HS256 plumbing shared by identity headers and service tokens: key derivation, signing with an
 * injected "now" (the simulator's virtual clock must not break expiry), and verification that turns
 * every jose failure into a {@link TokenError}.
 */
import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { TokenError } from "./errors";

/** Shortest accepted shared secret: HS256 needs at least 256 bits of key (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/** Leeway for clock differences between two hosts when checking exp/iat (seconds). */
export const CLOCK_TOLERANCE_SECONDS = 5;

export function secretKey(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new RangeError(`shared secret must be at least ${MIN_SECRET_BYTES} bytes, got ${key.byteLength}`);
  }
  return key;
}

export interface SignOptions {
  secret: string | Uint8Array;
  issuer: string;
  audience: string;
  subject?: string;
  ttlSeconds: number;
  now: Date;
  jti?: string;
}

export async function signJwt(claims: JWTPayload, options: SignOptions): Promise<string> {
  const iat = Math.floor(options.now.getTime() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds);
  if (options.subject) jwt.setSubject(options.subject);
  if (options.jti) jwt.setJti(options.jti);
  return jwt.sign(secretKey(options.secret));
}

export interface VerifyOptions {
  secret: string | Uint8Array;
  issuer: string;
  audience: string;
  now: Date;
}

export async function verifyJwt(token: string, options: VerifyOptions): Promise<JWTPayload> {
  const key = secretKey(options.secret);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: options.issuer,
      audience: options.audience,
      currentDate: options.now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["iat", "exp"],
    });
    // jose checks exp and nbf but not a future iat; a token minted ahead of our clock would outlive
    // its 60 s, so refuse it like a not-yet-valid token.
    if (payload.iat !== undefined && payload.iat > options.now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
      throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "iat" is in the future');
    }
    return payload;
  } catch (err) {
    throw toTokenError(err);
  }
}

function toTokenError(err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof errors.JWTExpired) return new TokenError("TOKEN_EXPIRED", "token expired", { cause: err });
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new TokenError("TOKEN_CLAIMS_INVALID", `token claim "${err.claim}" refused`, { cause: err });
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) {
    return new TokenError("TOKEN_MALFORMED", "token malformed", { cause: err });
  }
  return new TokenError("TOKEN_INVALID", "token refused", { cause: err });
}
