/**
 * Service-to-service tokens for the internal APIs (province shard ↔ home platform, docs/design.md §4, the
 * launcher's and simulator's `/internal` routes, the composer's SDL reads): a 60-second JWT signed with
 * the calling service's own key (EdDSA), naming the caller (`iss` = `sub`) and the service it is meant
 * for (`aud`), sent as `authorization: Bearer …`. The receiver verifies it against the key directory
 * and gets the {@link Signer} back (its roles and province) to decide whether that caller may say
 * what it says. The audience check stops a token captured on one internal API from being replayed
 * against another service.
 */
import { TokenError } from "./errors";
import { headerValue, type HeadersLike } from "./identity-token";
import { ROLES, type KeyDirectory, type Role, type Signer } from "./keys";
import { signToken, type ServiceSigner } from "./signing";

export const SERVICE_TOKEN_HEADER = "authorization";
/** JWS `typ` of a service token. */
export const SERVICE_TOKEN_TYP = "jg-service+jwt";
export const SERVICE_TOKEN_TTL_SECONDS = 60;
/** Audience of the composer's credential: reading subgraph SDL (`_service`) and introspection. */
export const COMPOSE_AUDIENCE = "jg-compose";

export interface ServiceTokenClaims {
  /** Name of the calling service (e.g. "province-51"): the signer's. */
  service: string;
  /** Name of the service the token is for (e.g. "home-platform"). */
  audience: string;
}

/** A verified service token: its claims and who signed it (as the key directory knows it). */
export interface VerifiedService extends ServiceTokenClaims {
  signer: Signer;
}

/** Signs a service token for `audience` as `signer`. `now` defaults to the system clock; pass the injected clock's now. */
export async function signServiceToken(audience: string, signer: ServiceSigner, now?: Date): Promise<string> {
  if (!audience) throw new RangeError("service token needs an audience");
  return signToken({}, signer, {
    typ: SERVICE_TOKEN_TYP,
    audience,
    subject: signer.service,
    ttlSeconds: SERVICE_TOKEN_TTL_SECONDS,
    now: now ?? new Date(),
  });
}

export interface VerifyServiceTokenOptions {
  directory: KeyDirectory;
  /** This service's own name (or {@link COMPOSE_AUDIENCE}): tokens addressed to anyone else are refused. */
  audience: string;
  /** Roles the caller must hold one of; default any role listed in the directory. */
  roles?: readonly Role[];
  /** Verification time; default the system clock. */
  now?: Date;
}

/** Verifies a bare service token (without "Bearer ") and returns the caller.
 * @throws {TokenError} when it does not verify. */
export async function verifyServiceToken(token: string, options: VerifyServiceTokenOptions): Promise<VerifiedService> {
  const { payload, signer } = await options.directory.verify(token, {
    typ: SERVICE_TOKEN_TYP,
    audience: options.audience,
    roles: options.roles ?? ROLES,
    now: options.now ?? new Date(),
  });
  if (payload.sub !== signer.service) throw new TokenError("TOKEN_CLAIMS_INVALID", "service token names another service than its signer");
  return { service: signer.service, audience: options.audience, signer };
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
): Promise<VerifiedService> {
  const value =
    typeof authorization === "string" || authorization === undefined
      ? authorization
      : headerValue(authorization, SERVICE_TOKEN_HEADER);
  if (!value) throw new TokenError("TOKEN_MISSING", "no service token");
  return verifyServiceToken(bearerToken(value), options);
}

/** The token of an `authorization: Bearer …` value; TOKEN_MALFORMED when it is not one. */
export function bearerToken(authorization: string): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw new TokenError("TOKEN_MALFORMED", "authorization is not a bearer token");
  return match[1];
}

/**
 * Whether a request carries the composer's credential: a service token for {@link COMPOSE_AUDIENCE}
 * from a `composer` of the directory (the gateway's drift check, live composition). False when absent
 * or invalid: the request is then treated like any other (it needs an edge's identity header).
 */
export function isComposer(headers: HeadersLike, directory: KeyDirectory, now?: Date): Promise<boolean> {
  return isServiceCaller(headers, { directory, audience: COMPOSE_AUDIENCE, roles: ["composer"], ...(now ? { now } : {}) });
}

/**
 * The one "is this a service caller" check of a route (the clock, audit and fault routes of every
 * service): true when the request carries a valid service token for `options.audience` from a signer
 * with one of `options.roles`; false for a missing, malformed or invalid one. Other errors throw.
 */
export async function isServiceCaller(headers: string | undefined | HeadersLike, options: VerifyServiceTokenOptions): Promise<boolean> {
  // No header is the common case (every GraphQL request asks isComposer): answered without building
  // the TokenError that authenticateService would throw, its stack trace and all (issue 12: ≈ 1 % of a
  // shard host's CPU under load).
  try {
    if (!(typeof headers === "string" || headers === undefined ? headers : headerValue(headers, SERVICE_TOKEN_HEADER))) return false;
    await authenticateService(headers, options);
    return true;
  } catch (err) {
    if (err instanceof TokenError) return false;
    throw err;
  }
}
