/**
 * Checking a compact JWS against the issuer's active keys (see keys.ts): header, signature, claims.
 */
import { verify as cryptoVerify, type KeyObject } from "node:crypto";
import { errors, type JWSHeaderParameters, type JWTPayload } from "jose";
import { TokenError } from "./errors";

/** Leeway for clock differences between two hosts when checking exp/iat (seconds). */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Algorithms a receiver accepts (RFC 8037 EdDSA with Ed25519; ES256 for keys from an HSM or KMS). */
export const SIGNING_ALGORITHMS = ["EdDSA", "ES256"] as const;

/** What a token is checked for besides its signature. */
export interface CompactCheck {
  /** The JWS `typ` of this kind of token. */
  typ: string;
  audience: string;
  now: Date;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** A compact JWS split and decoded once: its three parts, the protected header and the claims. */
export interface DecodedCompact {
  parts: [string, string, string];
  header: JWSHeaderParameters;
  payload: JWTPayload;
}

function jsonObjectOf(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TokenError("TOKEN_MALFORMED", "token malformed");
  return value as Record<string, unknown>;
}

/**
 * Splits and decodes a compact JWS once (issue 11: the issuer lookup and the check each decoded the
 * token with jose's `decodeJwt`, and the check the header again: three base64url + JSON decodes of
 * every token not yet verified, such as each access statement a shard receives).
 * @throws {TokenError} TOKEN_MALFORMED unless it is three base64url parts whose first two are JSON objects.
 */
export function decodeCompact(token: string): DecodedCompact {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => p.length > 0 && B64URL.test(p))) throw new TokenError("TOKEN_MALFORMED", "token malformed");
  try {
    return { parts: parts as [string, string, string], header: jsonObjectOf(parts[0]!) as JWSHeaderParameters, payload: jsonObjectOf(parts[1]!) as JWTPayload };
  } catch (err) {
    throw err instanceof TokenError ? err : new TokenError("TOKEN_MALFORMED", "token malformed", { cause: err });
  }
}

/**
 * Checks a compact JWS, decoded once by {@link decodeCompact} (the caller looks up the issuer's keys from
 * the same decode), as jose's jwtVerify did, with node:crypto's synchronous one-shot `verify` on a
 * KeyObject imported once (issue 11: jose verifies through WebCrypto, a thread-pool job per token, the
 * largest single cost of a shard request): the header's alg allowed and the key's own, no `crit`, the
 * `kid` an active key of the issuer (the only one when the header names none), the signature, then the
 * claims — typ, iss, aud, exp and iat required, exp/nbf/iat against `now` with the clock tolerance.
 */
export function verifyCompact(token: DecodedCompact, keys: ReadonlyMap<string, { alg: string; key: KeyObject }>, options: CompactCheck): JWTPayload {
  const { parts, header, payload } = token;
  if (header.crit !== undefined || header.b64 !== undefined) throw new TokenError("TOKEN_MALFORMED", "token header has crit or b64");
  const alg = header.alg;
  if (typeof alg !== "string" || !(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) throw new TokenError("TOKEN_INVALID", "algorithm refused");
  const candidates =
    typeof header.kid === "string"
      ? [keys.get(header.kid)].filter((k) => k !== undefined)
      : [...keys.values()];
  const usable = candidates.filter((k) => k.alg === alg);
  if (usable.length !== 1) throw new TokenError("TOKEN_INVALID", "no single active key of the signer matches the token");
  const { key } = usable[0]!;
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2]!, "base64url");
  const valid = alg === "EdDSA" ? cryptoVerify(null, data, key, signature) : cryptoVerify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, signature);
  if (!valid) throw new TokenError("TOKEN_INVALID", "signature verification failed");

  if (header.typ !== options.typ) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "typ" refused');
  const aud = payload.aud;
  if (!(aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience)))) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "aud" refused');
  const now = Math.floor(options.now.getTime() / 1000);
  const { exp, iat, nbf } = payload;
  if (typeof iat !== "number" || !Number.isFinite(iat)) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "iat" refused');
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "exp" refused');
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE_SECONDS)) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "nbf" refused');
  if (exp <= now - CLOCK_TOLERANCE_SECONDS) throw new TokenError("TOKEN_EXPIRED", "token expired");
  // A token minted ahead of our clock would outlive its lifetime: refused like a not-yet-valid one.
  if (iat > options.now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "iat" is in the future');
  return payload;
}

/** A jose error (or ours) as the TokenError a caller sees. */
export function toTokenError(err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof errors.JWTExpired) return new TokenError("TOKEN_EXPIRED", "token expired", { cause: err });
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new TokenError("TOKEN_CLAIMS_INVALID", `token claim "${err.claim}" refused`, { cause: err });
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) {
    return new TokenError("TOKEN_MALFORMED", "token malformed", { cause: err });
  }
  // JWKSNoMatchingKey (unknown or retired kid), JWSSignatureVerificationFailed, alg refused, …
  return new TokenError("TOKEN_INVALID", "token refused", { cause: err });
}
