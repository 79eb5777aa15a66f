/**
 * Who is calling (docs/design.md §8): a bearer access token (citizens, officers, cameras, banks, services;
 * verified by @jg/identity on jose) or a partner API key. Partner keys are looked up by their SHA-256
 * hash in the configured map (the platform keeps the same hashes; no key is stored in clear). No
 * credential is an anonymous request, which subgraphs may still serve (a province's public schedule);
 * a credential that does not verify is refused, never downgraded to anonymous.
 */
import { bearerToken, hashApiKey, TokenError, verifyAccessToken, type Identity, type KeyDirectory } from "@jg/identity";
import { messageFor, type Lang } from "@jg/errors";
import { GraphQLError } from "graphql";

/** Header that carries a partner API key. */
export const API_KEY_HEADER = "x-api-key";

export interface AuthenticateOptions {
  /** The key directory: access tokens are verified against the keys of an `issuer` (the platform). */
  directory: KeyDirectory;
  /** SHA-256 hex of a key → the partner it identifies. */
  apiKeys: Readonly<Record<string, { partnerId: string; companyId: string }>>;
  /** Language of the refusal's message (default zh). */
  lang?: Lang;
  now?: Date;
}

/** The refusal for a credential that does not verify: HTTP 401, code UNAUTHENTICATED. */
function unauthenticated(reason: string, lang: Lang = "zh"): GraphQLError {
  return new GraphQLError(messageFor("UNAUTHENTICATED", lang), {
    extensions: { code: "UNAUTHENTICATED", reason, http: { status: 401 } },
  });
}

/** SHA-256 hex of an API key, as the key map stores it (one definition, in @jg/identity). */
export { hashApiKey };

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
}

/**
 * The identity of a request, or null when it carries no credential.
 * @throws {GraphQLError} UNAUTHENTICATED for a bad token, an unknown key, or both credentials at once.
 */
export async function authenticate(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  options: AuthenticateOptions,
): Promise<Identity | null> {
  const authorization = single(headers["authorization"]);
  const apiKey = single(headers[API_KEY_HEADER]);
  if (authorization !== undefined && apiKey !== undefined) throw unauthenticated("send a bearer token or an API key, not both", options.lang);
  if (apiKey !== undefined) {
    const partner = options.apiKeys[hashApiKey(apiKey.trim())];
    if (!partner) throw unauthenticated("unknown API key", options.lang);
    return { kind: "PARTNER", partnerId: partner.partnerId, companyId: partner.companyId };
  }
  if (authorization === undefined) return null;
  let token: string;
  try {
    token = bearerToken(authorization);
  } catch {
    throw unauthenticated("authorization is not a bearer token", options.lang);
  }
  try {
    return await verifyAccessToken(token, { directory: options.directory, ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    if (error instanceof TokenError) throw unauthenticated(error.code, options.lang);
    throw error;
  }
}
