/**
 * The identity header (docs/design.md §8): an edge (the gateway, the standalone router, a fronting router
 * listed in the key directory with role `edge`) signs the identity it authenticated into a compact JWS
 * (EdDSA, its own key) valid for 60 seconds, and subgraphs trust `x-jg-identity` only through
 * {@link verifyIdentity} against the key directory. An anonymous client gets a signed `ANONYMOUS`
 * identity: a subgraph refuses a request with no header at all (issue 10 §4).
 * A header that is present but invalid is refused, never read as "anonymous": a forged header must
 * not quietly downgrade into a public request either.
 */
import { TokenError } from "./errors";
import { identityOfClaims, identitySchema, type Identity } from "./identity";
import { type KeyDirectory, type Role, type Signer } from "./keys";
import { reusedTokens } from "./reused-tokens";
import { type ServiceSigner, signToken } from "./signing";

export const IDENTITY_HEADER = "x-jg-identity";
/**
 * The edge's key of one client query operation, random and sent with each of its subgraph requests
 * (issue 12): the home platform reads the viewer once per operation, not once per request of its plan
 * (subgraphs/chongqing/src/accounts/operation-viewers.ts). Never sent for a mutation. It grants nothing:
 * a subgraph uses it only to share what it read for the same signed identity.
 */
export const OPERATION_HEADER = "x-jg-operation";
/** JWS `typ` of an identity header: no other kind of token passes for one. */
export const IDENTITY_TYP = "jg-identity+jwt";
export const IDENTITY_AUDIENCE = "jg-subgraph";
/** Lifetime of an identity header: one request's worth, with room for a slow federated plan. */
export const IDENTITY_TTL_SECONDS = 60;

export interface SignIdentityOptions {
  /** The edge's own key (role `edge` in the key directory). */
  signer: ServiceSigner;
  /** Issue time; default the system clock. Pass the injected clock's now in simulations. */
  now?: Date;
  /** The gateway's request ID, carried as `jti` so subgraph logs correlate with the gateway's. */
  requestId?: string;
}

export interface VerifyIdentityOptions {
  directory: KeyDirectory;
  /** Verification time; default the system clock. */
  now?: Date;
  /** Roles whose signature is accepted (default `edge` only; carried-identity.ts adds `third-party-edge`). */
  roles?: readonly Role[];
}

export interface VerifiedIdentity {
  identity: Identity;
  requestId: string | undefined;
  /** The edge that signed it. */
  edge: Signer;
}

/** Signs an identity into the value of the {@link IDENTITY_HEADER} header. */
export async function signIdentity(identity: Identity, options: SignIdentityOptions): Promise<string> {
  const parsed = identitySchema.parse(identity);
  return signToken(
    { idn: parsed },
    options.signer,
    {
      typ: IDENTITY_TYP,
      audience: IDENTITY_AUDIENCE,
      ttlSeconds: IDENTITY_TTL_SECONDS,
      now: options.now ?? new Date(),
      ...(options.requestId ? { jti: options.requestId } : {}),
    },
  );
}

/** How long an edge reuses one identity header for the same identity ({@link identityHeaders}). */
export const IDENTITY_REUSE_MS = 10_000;
const IDENTITY_REUSE_MAX_ENTRIES = 2_000;

/**
 * An edge's identity headers, signed once per identity per {@link IDENTITY_REUSE_MS} (issue 12): every
 * request of a client then carries the same header for a few seconds, so the edge signs it once and each
 * subgraph process verifies it once (the key directory remembers a verified token by its exact text)
 * instead of a signature and a verification per request. The header carries no request ID (`jti`): the
 * request ID travels in `x-request-id`. A reused header has at least its lifetime less the reuse window
 * left (50 s); a clock that went back re-signs (the header would not be valid yet), and so does a
 * signing that failed (an identity that fails `identitySchema` is refused and never remembered): the
 * rule of every reused token ({@link reusedTokens}).
 */
export function identityHeaders(
  signer: ServiceSigner,
  options: { reuseMs?: number; maxEntries?: number } = {},
): (identity: Identity, now: Date) => Promise<string> {
  // Keyed by the identity as given: only one that passed signIdentity's check is remembered.
  return reusedTokens((identity: Identity, now) => signIdentity(identity, { signer, now }), {
    ttlSeconds: IDENTITY_TTL_SECONDS,
    reuseMs: options.reuseMs ?? IDENTITY_REUSE_MS,
    maxEntries: options.maxEntries ?? IDENTITY_REUSE_MAX_ENTRIES,
  });
}

/** Verifies an identity header and returns the identity with the gateway's request ID.
 * @throws {TokenError} on a malformed, forged, expired or mis-addressed token. */
export async function verifyIdentityToken(token: string, options: VerifyIdentityOptions): Promise<VerifiedIdentity> {
  const { payload, signer } = await options.directory.verify(token, {
    typ: IDENTITY_TYP,
    audience: IDENTITY_AUDIENCE,
    roles: options.roles ?? ["edge"],
    now: options.now ?? new Date(),
  });
  const identity = identityOfClaims(payload);
  if (!identity) throw new TokenError("TOKEN_CLAIMS_INVALID", "token carries no valid identity");
  return { identity, requestId: payload.jti, edge: signer };
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
  // node:http gives lower-case names: looked up directly, the scan only for a record of another case.
  const key = Object.hasOwn(record, name) ? name : Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new TokenError("TOKEN_MALFORMED", `header ${name} sent more than once`);
    return value[0];
  }
  return value;
}

/**
 * Reads the identity a request carries, signed by an edge of the directory (an anonymous client's
 * is `{ kind: "ANONYMOUS" }`).
 * @throws {TokenError} TOKEN_MISSING when the header is absent (no edge vouched for the request),
 * otherwise when it does not verify.
 */
export async function readIdentity(headers: HeadersLike, directory: KeyDirectory, now?: Date): Promise<Identity> {
  const token = headerValue(headers, IDENTITY_HEADER);
  if (token === undefined || token.trim() === "") throw new TokenError("TOKEN_MISSING", "no identity header from an edge");
  return verifyIdentity(token.trim(), { directory, ...(now ? { now } : {}) });
}
