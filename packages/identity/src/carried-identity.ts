/**
 * The identity of a subgraph request however an edge carries it (issue 13, docs/design.md §8), so that a
 * standard federation router can front the subgraphs without code of ours in its request path:
 *
 * 1. `x-jg-identity` signed by an `edge` of the key directory (our gateway, the standalone router), or by
 *    a `third-party-edge` (Hive Gateway's API-key plugin, deploy/hive-gateway), which may vouch only for
 *    the callers it authenticates itself: partners and anonymous clients. A citizen, officer, camera,
 *    bank or service named by a third-party edge is refused, so that edge's key cannot impersonate them;
 * 2. otherwise the caller's own bearer access token (`authorization: Bearer …`), signed by an `issuer` of
 *    the directory, forwarded unchanged by a router that verified it against the issuer's JWKS.
 *
 * Both at once are refused (which would win is a question no sender needs answered); neither is refused
 * as before (TOKEN_MISSING: no edge vouched for the request); a credential that does not verify is
 * refused, never read as anonymous. What `readIdentity` checks (the edge's header alone) is unchanged.
 */
import { verifyAccessToken } from "./access-token";
import { TokenError } from "./errors";
import type { Identity } from "./identity";
import { headerValue, IDENTITY_HEADER, verifyIdentityToken, type HeadersLike } from "./identity-token";
import { bearerToken } from "./service-token";
import type { KeyDirectory } from "./keys";

/** How a request's identity reached the subgraph. */
export type CarriedBy = "edge" | "third-party-edge" | "bearer";

export interface CarriedIdentity {
  identity: Identity;
  carriedBy: CarriedBy;
}

/** What a third-party edge may vouch for itself: the callers it authenticates (API keys) and anonymous ones. */
const THIRD_PARTY_KINDS: ReadonlySet<Identity["kind"]> = new Set(["PARTNER", "ANONYMOUS"]);

/**
 * Reads the identity of a request from the edge's header or the caller's forwarded bearer token.
 * @throws {TokenError} TOKEN_MISSING when neither is present, otherwise on any refusal.
 */
export async function readCarriedIdentity(headers: HeadersLike, directory: KeyDirectory, now: Date = new Date()): Promise<CarriedIdentity> {
  const header = headerValue(headers, IDENTITY_HEADER)?.trim();
  const authorization = headerValue(headers, "authorization")?.trim();
  if (header && authorization) throw new TokenError("TOKEN_MALFORMED", "an identity header and a bearer token at once");
  if (header) {
    const verified = await verifyIdentityWithThirdParty(header, directory, now);
    return verified;
  }
  if (authorization) {
    const identity = await verifyAccessToken(bearerToken(authorization), { directory, now });
    return { identity, carriedBy: "bearer" };
  }
  throw new TokenError("TOKEN_MISSING", "no identity header from an edge and no bearer token");
}

async function verifyIdentityWithThirdParty(token: string, directory: KeyDirectory, now: Date): Promise<CarriedIdentity> {
  const verified = await verifyIdentityToken(token, { directory, now, roles: ["edge", "third-party-edge"] });
  if (verified.edge.roles.includes("edge")) return { identity: verified.identity, carriedBy: "edge" };
  if (!THIRD_PARTY_KINDS.has(verified.identity.kind)) {
    throw new TokenError("TOKEN_INVALID", `a third-party edge (${verified.edge.service}) may not vouch for a ${verified.identity.kind}`);
  }
  return { identity: verified.identity, carriedBy: "third-party-edge" };
}
