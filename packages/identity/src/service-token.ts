/**
 * Service-to-service tokens for the internal APIs (province shard ↔ home platform, docs/design.md §4):
 * a 60-second HS256 JWT naming the calling service (`sub`) and the service it is meant for (`aud`),
 * sent as `authorization: Bearer …`. The audience check stops a token captured on one internal API
 * from being replayed against another service.
 */
import { TokenError } from "./errors";
import { headerValue, type HeadersLike } from "./identity-token";
import { signJwt, verifyJwt } from "./jwt";

export const SERVICE_TOKEN_HEADER = "authorization";
export const SERVICE_TOKEN_ISSUER = "jg-service";
export const SERVICE_TOKEN_TTL_SECONDS = 60;

export interface ServiceTokenClaims {
  /** Name of the calling service (e.g. "province-51"). */
  service: string;
  /** Name of the service the token is for (e.g. "home-platform"). */
  audience: string;
}

/** Signs a service token. `now` defaults to the system clock; pass the injected clock's now. */
export async function signServiceToken(claims: ServiceTokenClaims, secret: string | Uint8Array, now?: Date): Promise<string> {
  if (!claims.service || !claims.audience) throw new RangeError("service token needs a service and an audience");
  return signJwt(
    {},
    {
      secret,
      issuer: SERVICE_TOKEN_ISSUER,
      audience: claims.audience,
      subject: claims.service,
      ttlSeconds: SERVICE_TOKEN_TTL_SECONDS,
      now: now ?? new Date(),
    },
  );
}

export interface VerifyServiceTokenOptions {
  secret: string | Uint8Array;
  /** This service's own name: tokens addressed to anyone else are refused. */
  audience: string;
  /** Verification time; default the system clock. */
  now?: Date;
}

/** Verifies a bare service token (without "Bearer ") and returns the caller's claims.
 * @throws {TokenError} when it does not verify. */
export async function verifyServiceToken(token: string, options: VerifyServiceTokenOptions): Promise<ServiceTokenClaims> {
  const payload = await verifyJwt(token, {
    secret: options.secret,
    issuer: SERVICE_TOKEN_ISSUER,
    audience: options.audience,
    now: options.now ?? new Date(),
  });
  if (!payload.sub) throw new TokenError("TOKEN_CLAIMS_INVALID", "service token names no service");
  return { service: payload.sub, audience: options.audience };
}

/** The value to send in {@link SERVICE_TOKEN_HEADER}. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/**
 * Verifies an `authorization: Bearer …` value (or headers carrying one).
 * @throws {TokenError} TOKEN_MISSING when absent, otherwise as {@link verifyServiceToken}.
 */
export async function authenticateService(
  authorization: string | undefined | HeadersLike,
  options: VerifyServiceTokenOptions,
): Promise<ServiceTokenClaims> {
  const value =
    typeof authorization === "string" || authorization === undefined
      ? authorization
      : headerValue(authorization, SERVICE_TOKEN_HEADER);
  if (!value) throw new TokenError("TOKEN_MISSING", "no service token");
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match?.[1]) throw new TokenError("TOKEN_MALFORMED", "authorization is not a bearer token");
  return verifyServiceToken(match[1], options);
}
