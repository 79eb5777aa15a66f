/**
 * The identity header (docs/design.md §8): the gateway signs the identity it authenticated into a compact
 * JWS valid for 60 seconds, and subgraphs trust `x-jg-identity` only through {@link verifyIdentity}.
 * A header that is present but invalid is refused, never read as "anonymous": a forged header must
 * not quietly downgrade into a public request either.
 */
import { TokenError } from "./errors";
import { identitySchema, type Identity } from "./identity";
import { signJwt, verifyJwt } from "./jwt";

export const IDENTITY_HEADER = "x-jg-identity";
export const IDENTITY_ISSUER = "jg-gateway";
export const IDENTITY_AUDIENCE = "jg-subgraph";
/** Lifetime of an identity header: one request's worth, with room for a slow federated plan. */
export const IDENTITY_TTL_SECONDS = 60;

export interface SignIdentityOptions {
  secret: string | Uint8Array;
  /** Issue time; default the system clock. Pass the injected clock's now in simulations. */
  now?: Date;
  /** The gateway's request ID, carried as `jti` so subgraph logs correlate with the gateway's. */
  requestId?: string;
}

export interface VerifyIdentityOptions {
  secret: string | Uint8Array;
  /** Verification time; default the system clock. */
  now?: Date;
}

export interface VerifiedIdentity {
  identity: Identity;
  requestId: string | undefined;
}

/** Signs an identity into the value of the {@link IDENTITY_HEADER} header. */
export async function signIdentity(identity: Identity, options: SignIdentityOptions): Promise<string> {
  const parsed = identitySchema.parse(identity);
  return signJwt(
    { idn: parsed },
    {
      secret: options.secret,
      issuer: IDENTITY_ISSUER,
      audience: IDENTITY_AUDIENCE,
      ttlSeconds: IDENTITY_TTL_SECONDS,
      now: options.now ?? new Date(),
      ...(options.requestId ? { jti: options.requestId } : {}),
    },
  );
}

/** Verifies an identity header and returns the identity with the gateway's request ID.
 * @throws {TokenError} on a malformed, forged, expired or mis-addressed token. */
export async function verifyIdentityToken(token: string, options: VerifyIdentityOptions): Promise<VerifiedIdentity> {
  const payload = await verifyJwt(token, {
    secret: options.secret,
    issuer: IDENTITY_ISSUER,
    audience: IDENTITY_AUDIENCE,
    now: options.now ?? new Date(),
  });
  const identity = identitySchema.safeParse(payload["idn"]);
  if (!identity.success) throw new TokenError("TOKEN_CLAIMS_INVALID", "token carries no valid identity");
  return { identity: identity.data, requestId: payload.jti };
}

/** Verifies an identity header and returns the identity.
 * @throws {TokenError} on a malformed, forged, expired or mis-addressed token. */
export async function verifyIdentity(token: string, options: VerifyIdentityOptions): Promise<Identity> {
  return (await verifyIdentityToken(token, options)).identity;
}

/** Incoming headers as node:http gives them, or a fetch `Headers`. */
export type HeadersLike = Record<string, string | string[] | undefined> | Headers;

/** Reads one header case-insensitively; several values of a single-valued header count as malformed. */
export function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new TokenError("TOKEN_MALFORMED", `header ${name} sent more than once`);
    return value[0];
  }
  return value;
}

/**
 * Reads the identity a request carries: `null` when the header is absent (an anonymous request),
 * the identity when it verifies.
 * @throws {TokenError} when the header is present but does not verify.
 */
export async function readIdentity(headers: HeadersLike, secret: string | Uint8Array, now?: Date): Promise<Identity | null> {
  const token = headerValue(headers, IDENTITY_HEADER);
  if (token === undefined) return null;
  return verifyIdentity(token.trim(), { secret, ...(now ? { now } : {}) });
}
