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
import { z } from "zod";

/** Header that carries a partner API key. */
export const API_KEY_HEADER = "x-api-key";

/**
 * The partner API keys (`API_KEYS`): SHA-256 hex of a key → the partner it identifies. One schema for
 * every edge that reads them (the gateway's config, deploy/hive-gateway).
 */
export const apiKeyMapSchema = z.record(
  z.string().regex(/^[0-9a-f]{64}$/, "a key of API_KEYS is the SHA-256 hex of an API key"),
  z.object({ partnerId: z.string().min(1), companyId: z.string().min(1) }).strict(),
);
export type ApiKeyMap = z.infer<typeof apiKeyMapSchema>;

export interface AuthenticateOptions {
  /** The key directory: access tokens are verified against the keys of an `issuer` (the platform). */
  directory: KeyDirectory;
  /** SHA-256 hex of a key → the partner it identifies. */
  apiKeys: Readonly<ApiKeyMap>;
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
 * The partner a request's API key names, or null when it sends no API key: the one API-key check of
 * every edge (the gateway's `authenticate`, Hive Gateway's plugin in deploy/hive-gateway).
 * @throws {GraphQLError} UNAUTHENTICATED (HTTP 401) for an unknown key, or a key sent with a bearer token.
 */
export function apiKeyIdentity(apiKey: string | undefined, authorization: string | undefined, apiKeys: Readonly<ApiKeyMap>, lang?: Lang): Identity | null {
  if (apiKey === undefined) return null;
  if (authorization !== undefined) throw unauthenticated("send a bearer token or an API key, not both", lang);
  const partner = apiKeys[hashApiKey(apiKey.trim())];
  if (!partner) throw unauthenticated("unknown API key", lang);
  return { kind: "PARTNER", partnerId: partner.partnerId, companyId: partner.companyId };
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
  const partner = apiKeyIdentity(apiKey, authorization, options.apiKeys, options.lang);
  if (partner) return partner;
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
