/**
 * Bearer access tokens (docs/design.md §8): what a client presents to the gateway. The Chongqing platform
 * issues them on sign-in (citizens); operators mint them for officers, camera systems, banks and
 * services. The gateway verifies them and forwards the identity as the short-lived identity header;
 * subgraphs never see access tokens. HS256 on a secret shared by the issuer and the gateway.
 */
import { TokenError } from "./errors";
import { identitySchema, type Identity } from "./identity";
import { signJwt, verifyJwt } from "./jwt";

export const ACCESS_TOKEN_ISSUER = "jg-platform";
export const ACCESS_TOKEN_AUDIENCE = "jg-gateway";
/** Default lifetime of an access token: one working session (2 hours). */
export const ACCESS_TOKEN_TTL_SECONDS = 2 * 60 * 60;

export interface SignAccessTokenOptions {
  secret: string | Uint8Array;
  /** Issue time; default the system clock. */
  now?: Date;
  /** Lifetime in seconds; default {@link ACCESS_TOKEN_TTL_SECONDS}. */
  ttlSeconds?: number;
}

/** Issues a bearer token for an identity. */
export async function signAccessToken(identity: Identity, options: SignAccessTokenOptions): Promise<string> {
  const parsed = identitySchema.parse(identity);
  return signJwt(
    { idn: parsed },
    {
      secret: options.secret,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      ttlSeconds: options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
      now: options.now ?? new Date(),
    },
  );
}

/** Verifies a bearer token and returns its identity.
 * @throws {TokenError} on a malformed, forged, expired or mis-addressed token. */
export async function verifyAccessToken(token: string, options: { secret: string | Uint8Array; now?: Date }): Promise<Identity> {
  const payload = await verifyJwt(token, {
    secret: options.secret,
    issuer: ACCESS_TOKEN_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    now: options.now ?? new Date(),
  });
  const identity = identitySchema.safeParse(payload["idn"]);
  if (!identity.success) throw new TokenError("TOKEN_CLAIMS_INVALID", "token carries no valid identity");
  return identity.data;
}
