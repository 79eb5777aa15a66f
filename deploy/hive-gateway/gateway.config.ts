/**
 * Hive Gateway in front of the standalone province router (issue 13): the committed supergraph, unchanged,
 * with `platform` sent to Chongqing's platform subgraph and `province` to the standalone router
 * (`npm run router`), which routes each request to the province shards. Run with
 * `hive-gateway supergraph -c deploy/hive-gateway/gateway.config.ts` (see README.md: `serve.mjs` does it).
 *
 * Environment: PLATFORM_URL and PROVINCE_ROUTER_URL (GraphQL endpoints), KEY_DIRECTORY (public; the
 * issuers' keys and this deployment's), SIGNING_KEY (this deployment's private JWK; SERVICE_NAME, default
 * "hive-gateway", listed with role `third-party-edge`), JWKS_URLS (comma-separated; default the platform's
 * `/.well-known/jwks.json`), JWKS_ISSUERS (the issuers verified through those JWKS only; default
 * "home-platform"; other issuers of the directory are verified against its keys), API_KEYS (the gateway's JSON map), SUPERGRAPH_PATH, JG_PRODUCTION / NODE_ENV,
 * PORT, HOST.
 */
import { createPublicKey, type JsonWebKey } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createRemoteJwksSigningKeyProvider, defineConfig, extractFromHeader } from "@graphql-hive/gateway";
import { DEFAULT_EDGE_LIMITS } from "@jg/gateway/config";
import { ACCESS_TOKEN_AUDIENCE, keyDirectoryFromConfig, serviceKeysFromEnv } from "@jg/identity";
import { EDGE_DOCUMENT_LIMITS, isProductionEnv } from "@jg/service-kit";
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
const jwksUrls = (env["JWKS_URLS"] || `${new URL(platformUrl).origin}/.well-known/jwks.json`).split(",").map((u) => u.trim()).filter(Boolean);
/** Who may issue access tokens: the directory's `issuer` services (the `iss` of every token). */
const issuers = directory.services.filter((s) => directory.entry(s)!.roles.includes("issuer"));
/** The same limits as our gateway's defaults (gateway/src/config.ts), imported rather than copied. */
const limits = { ...EDGE_DOCUMENT_LIMITS, ...DEFAULT_EDGE_LIMITS };

/** Issuers whose keys are taken from their published JWKS (JWKS_URLS) only; default the home platform. */
const jwksIssuers = new Set((env["JWKS_ISSUERS"] || "home-platform").split(",").map((s) => s.trim()));

/**
 * The public keys of the other issuers as the key directory lists them (what their JWKS would publish):
 * the launcher's operator tokens in development publish none. PEM for jsonwebtoken; "" passes to the
 * next provider. Asked first, so an operator token does not send Hive to the platform's JWKS each time.
 */
const directoryKeyProvider = (kid?: string): string => {
  for (const service of issuers.filter((s) => !jwksIssuers.has(s))) {
    const jwk = directory.jwksOf(service).keys.find((k) => k.kid === kid);
    if (jwk) return createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
  }
  return ""; // not an issuer's key of the directory: the next provider (a published JWKS) is asked
};

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
    signingKeyProviders: [directoryKeyProvider, ...jwksUrls.map((jwksUri) => createRemoteJwksSigningKeyProvider({ jwksUri, cache: true }))],
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
  plugins: () => [useJgEdge({ apiKeys: JSON.parse(env["API_KEYS"] || "{}") as Record<string, { partnerId: string; companyId: string }>, signer: keys.signer, limits })],
});
