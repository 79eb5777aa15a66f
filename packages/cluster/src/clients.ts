/**
 * How the launcher talks to a running system: GraphQL through the gateway with a bearer token, and
 * the services' internal routes with service tokens (seeding, clock, tick), all over loopback.
 */
import { HOME_PLATFORM_SERVICE, provinceServiceName } from "@jg/handoff";
import { bearer, reusedTokens, SERVICE_TOKEN_TTL_SECONDS, signAccessToken, signServiceToken, type Identity } from "@jg/identity";
import { createInternalClient } from "@jg/service-kit";
import { getGlobalDispatcher, request } from "undici";
import { LAUNCHER_SERVICE, systemSigner, type SystemKeys } from "./secrets";

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * A bearer token for an identity, as the platform (citizens: its key, as at sign-in) or an operator
 * (others: the launcher's key, an `issuer` of the directory) would issue it.
 */
export function accessTokenFor(identity: Identity, keys: SystemKeys, now = new Date()): Promise<string> {
  const issuer = identity.kind === "CITIZEN" ? HOME_PLATFORM_SERVICE : LAUNCHER_SERVICE;
  return signAccessToken(identity, { signer: systemSigner(keys, issuer), now });
}

/** The launcher's service token for `audience`: the one place the launcher mints its credential. */
export function launcherToken(audience: string, keys: SystemKeys, now = new Date()): Promise<string> {
  return signServiceToken(audience, systemSigner(keys, LAUNCHER_SERVICE), now);
}

/**
 * POSTs a GraphQL operation to the gateway, through undici's `request` on the process's global pool
 * rather than WHATWG `fetch` (its Request/Response/Headers objects, web streams and webidl checks were
 * most of the simulator's own CPU per operation, issue 12; the services' clients moved off it in issue 11).
 */
export async function gatewayGraphQL<T>(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown>,
  auth: { token?: string; apiKey?: string; language?: string } = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth.token) headers.authorization = bearer(auth.token);
  if (auth.apiKey) headers["x-api-key"] = auth.apiKey;
  if (auth.language) headers["accept-language"] = auth.language;
  const res = await request(`${gatewayUrl}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }), dispatcher: getGlobalDispatcher() });
  const text = await res.body.text();
  try {
    return JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    throw new Error(`gateway answered HTTP ${res.statusCode} with non-JSON: ${text.slice(0, 200)}`);
  }
}

/** The service-token audience of a service by its process name ("chongqing", "province-51"). */
export function audienceOf(name: string): string {
  return name === "chongqing" ? HOME_PLATFORM_SERVICE : name.startsWith("province-") ? provinceServiceName(name.slice(9)) : name;
}

/** The launcher's tokens held per key set. */
const heldTokens = new WeakMap<SystemKeys, (audience: string, now: Date) => Promise<string>>();

/**
 * The launcher's service token for `audience` at `now`: one per audience, reused while it has at least
 * half its lifetime left at `now` (issue 12: the simulator's tick of a province per journey signed a
 * token, and the shard verified a new one, every time). A `now` before the held token's signing (a
 * virtual clock moved back, or a wall-clock call after a virtual one) signs a fresh one (@jg/identity's
 * `reusedTokens`).
 */
export function heldLauncherToken(audience: string, keys: SystemKeys, now: Date): Promise<string> {
  let held = heldTokens.get(keys);
  if (!held) heldTokens.set(keys, (held = reusedTokens((aud: string, at) => launcherToken(aud, keys, at), { ttlSeconds: SERVICE_TOKEN_TTL_SECONDS })));
  return held(audience, now);
}

/** service-kit's internal client signing as the launcher at `now`, on the process's global undici pool. */
function launcherClient(keys: SystemKeys, now: Date) {
  return createInternalClient({ token: (aud) => heldLauncherToken(aud, keys, now), dispatcher: getGlobalDispatcher() });
}

/** POSTs JSON to a service's internal route with the launcher's service token; throws unless 2xx (or after `timeoutMs`, default 5 s). */
export async function internalPost<T>(
  baseUrl: string,
  path: string,
  audience: string,
  body: unknown,
  keys: SystemKeys,
  now = new Date(),
  options: { timeoutMs?: number } = {},
): Promise<T> {
  return (await launcherClient(keys, now).postOk(baseUrl, path, audience, body, options)) as T;
}

/** GETs a service's internal route with the launcher's service token; throws unless 2xx. */
export async function internalGet<T>(baseUrl: string, path: string, audience: string, keys: SystemKeys, now = new Date()): Promise<T> {
  const answer = await launcherClient(keys, now).get(baseUrl, path, audience);
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${baseUrl}${path} answered HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
  return answer.body as T;
}
