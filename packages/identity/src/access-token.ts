/**
 * Bearer access tokens (docs/design.md §8): what a client presents to an edge. The Chongqing platform
 * issues them on sign-in (citizens); operators mint them for officers, camera systems, banks and
 * services. Each is signed with the issuer's own key (EdDSA; role `issuer` in the key directory),
 * whose public keys the issuer publishes as a JWKS, so our gateway (against the directory) and any
 * other router (against the published JWKS, issue 13) can verify them. Subgraphs never see them.
 */
import { TokenError } from "./errors";
import { identityOfClaims, identitySchema, type Identity } from "./identity";
import { type KeyDirectory } from "./keys";
import { signToken, type ServiceSigner } from "./signing";

/** JWS `typ` of an access token (RFC 9068). */
export const ACCESS_TOKEN_TYP = "at+jwt";
export const ACCESS_TOKEN_AUDIENCE = "jg-gateway";
/** Default lifetime of an access token: one working session (2 hours). */
export const ACCESS_TOKEN_TTL_SECONDS = 2 * 60 * 60;

export interface SignAccessTokenOptions {
  /** The issuer's own key (role `issuer` in the key directory). */
  signer: ServiceSigner;
  /** Issue time; default the system clock. */
  now?: Date;
  /** Lifetime in seconds; default {@link ACCESS_TOKEN_TTL_SECONDS}. */
  ttlSeconds?: number;
}

/** Issues a bearer token for an identity (never ANONYMOUS: anonymous clients send no token). */
export async function signAccessToken(identity: Identity, options: SignAccessTokenOptions): Promise<string> {
  const parsed = identitySchema.parse(identity);
  if (parsed.kind === "ANONYMOUS") throw new RangeError("an access token names a caller");
  return signToken({ idn: parsed }, options.signer, {
    typ: ACCESS_TOKEN_TYP,
    audience: ACCESS_TOKEN_AUDIENCE,
    subject: subjectOf(parsed),
    ttlSeconds: options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
    now: options.now ?? new Date(),
  });
}

function subjectOf(identity: Identity): string {
  switch (identity.kind) {
    case "CITIZEN":
      return `citizen:${identity.accountId}`;
    case "OFFICER":
      return `officer:${identity.provinceCode}:${identity.officerId}`;
    case "CAMERA":
      return `camera:${identity.provinceCode}:${identity.systemId}`;
    case "PARTNER":
      return `partner:${identity.companyId}:${identity.partnerId}`;
    case "BANK":
      return `bank:${identity.bankId}`;
    case "SERVICE":
      return `service:${identity.service}`;
    case "ANONYMOUS":
      return "anonymous";
  }
}

/** Verifies a bearer token against the key directory and returns its identity.
 * @throws {TokenError} on a malformed, forged, expired or mis-addressed token, or one whose signer may not issue access tokens. */
export async function verifyAccessToken(token: string, options: { directory: KeyDirectory; now?: Date }): Promise<Identity> {
  const { payload } = await options.directory.verify(token, {
    typ: ACCESS_TOKEN_TYP,
    audience: ACCESS_TOKEN_AUDIENCE,
    roles: ["issuer"],
    now: options.now ?? new Date(),
  });
  const identity = identityOfClaims(payload);
  if (!identity || identity.kind === "ANONYMOUS") throw new TokenError("TOKEN_CLAIMS_INVALID", "token carries no valid identity");
  return identity;
}
