/**
 * Hive Gateway in front of the standalone province router (issue 13): the committed supergraph, unchanged,
 * with `platform` sent to Chongqing's platform subgraph and `province` to the standalone router
 * (`npm run router`), which routes each request to the province shards. Run with
 * `hive-gateway supergraph -c deploy/hive-gateway/gateway.config.ts` (see README.md: `serve.mjs` does it).
 *
 * Environment: PLATFORM_URL and PROVINCE_ROUTER_URL (GraphQL endpoints), KEY_DIRECTORY (public; the
 * issuers' keys and this deployment's), SIGNING_KEY (this deployment's private JWK; SERVICE_NAME, default
 * "hive-gateway", listed with role `third-party-edge`), JWKS_URLS (comma-separated; default the platform's
 * `/.well-known/jwks.json`), JWKS_ISSUERS (the issuer of each of those JWKS, in the same order; default
 * "home-platform"; other issuers of the directory are verified against its keys), API_KEYS (the gateway's
 * JSON map, checked by the gateway's schema), SUPERGRAPH_PATH, JG_PRODUCTION / NODE_ENV, PORT, HOST.
 */
import { fileURLToPath } from "node:url";
import { createRemoteJwksSigningKeyProvider, defineConfig, extractFromHeader } from "@graphql-hive/gateway";
import { apiKeyMapSchema } from "@jg/gateway/api-keys";
import { DEFAULT_EDGE_LIMITS } from "@jg/gateway/config";
import { ACCESS_TOKEN_AUDIENCE, keyDirectoryFromConfig, serviceKeysFromEnv } from "@jg/identity";
import { EDGE_DOCUMENT_LIMITS, envJson, isProductionEnv } from "@jg/service-kit";
import { issuerKeys } from "./src/issuer-keys";
import { subgraphHeaders, useJgEdge } from "./src/jg-edge-plugin";

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is required (deploy/hive-gateway/README.md)`);
  return value;
};
const platformUrl = required("PLATFORM_URL");
const provinceRouterUrl = required("PROVINCE_ROUTER_URL");
const keys = serviceKeysFromEnv(env["SERVICE_NAME"] || "hive-gateway", env);
const directory = keyDirectoryFromConfig(required("KEY_DIRECTORY"));
const production = isProductionEnv(env);
const issuers = directory.services.filter((s) => directory.entry(s)!.roles.includes("issuer"));
/** The same limits as our gateway's defaults (gateway/src/config.ts), imported rather than copied. */
const limits = { ...EDGE_DOCUMENT_LIMITS, ...DEFAULT_EDGE_LIMITS };

const list = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);
/** Each published JWKS (JWKS_URLS) with its issuer (JWKS_ISSUERS, same order); default the home platform's. */
const jwksUrls = list(env["JWKS_URLS"] || `${new URL(platformUrl).origin}/.well-known/jwks.json`);
const jwksIssuers = list(env["JWKS_ISSUERS"] || "home-platform");
if (jwksUrls.length !== jwksIssuers.length) throw new Error(`JWKS_ISSUERS names ${jwksIssuers.length} issuers for ${jwksUrls.length} JWKS_URLS: one issuer per URL, in order`);
/**
 * Bearer tokens' keys: the other issuers' as the key directory lists them (the launcher's operator tokens
 * in development publish no JWKS; asked first, so an operator token does not send Hive to the platform's
 * JWKS each time), then each JWKS; and who owns each key, checked by the plugin (./src/issuer-keys.ts).
 */
const tokenKeys = issuerKeys(
  directory,
  issuers.filter((s) => !jwksIssuers.includes(s)),
  jwksUrls.map((url, i) => ({ url, issuer: jwksIssuers[i]! })),
  (jwksUri) => createRemoteJwksSigningKeyProvider({ jwksUri, cache: true }),
);
/** Partner API keys, checked by the gateway's own schema. */
const apiKeys = apiKeyMapSchema.parse(envJson(env, "API_KEYS") ?? {});

export const gatewayConfig = defineConfig({
  supergraph: env["SUPERGRAPH_PATH"] || fileURLToPath(new URL("../../gateway/supergraph.graphql", import.meta.url)),
  pollingInterval: 0,
  transportEntries: {
    platform: { location: platformUrl },
    province: { location: provinceRouterUrl },
  },
  // Bearer access tokens against our JWKS. jsonwebtoken (under Hive's JWT plugin) verifies ES256 but not
  // EdDSA: an issuer fronted by Hive Gateway signs with a P-256 key (README.md).
  jwt: {
    // The directory's keys of issuers without a JWKS, then the published JWKS (cached by jwks-rsa).
    signingKeyProviders: tokenKeys.providers,
    tokenLookupLocations: [extractFromHeader({ name: "authorization", prefix: "Bearer" })],
    tokenVerification: { algorithms: ["ES256"], audience: ACCESS_TOKEN_AUDIENCE, issuer: issuers as [string, ...string[]] },
    reject: { missingToken: false, invalidToken: true },
  },
  // Our limits: tokens while parsing, depth, then (plugin) selections and aliases before validation; cost.
  maxTokens: limits.maxTokens,
  maxDepth: limits.maxDepth,
  blockFieldSuggestions: production,
  demandControl: { maxCost: limits.maxCost, listSize: limits.listSize },
  ...(production ? { disableIntrospection: { disableIf: () => true } } : {}),
  prometheus: { metrics: true, labels: { subgraphName: true } },
  requestId: { headerName: "x-request-id" },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, context }) => subgraphHeaders(request, context as Record<string, unknown>),
  },
  plugins: () => [useJgEdge({ apiKeys, signer: keys.signer, limits, issuerOwnsKey: tokenKeys.issuerOwnsKey })],
});
