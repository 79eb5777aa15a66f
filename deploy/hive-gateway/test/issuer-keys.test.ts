import { createPublicKey, type JsonWebKey } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createGatewayRuntime, useJWT } from "@graphql-hive/gateway";
import { apiKeyMapSchema } from "@jg/gateway/api-keys";
import { ACCESS_TOKEN_AUDIENCE, generateKeySet, KeyDirectory, signAccessToken, signerOf, type Identity } from "@jg/identity";
import { EDGE_DOCUMENT_LIMITS } from "@jg/service-kit";
import { afterAll, describe, expect, it } from "vitest";
import { issuerKeys, kidOf } from "../src/issuer-keys";
import { useJgEdge } from "../src/jg-edge-plugin";

// Review of issue 13: Hive's JWT plugin checks `iss` against a list and the signature against the key of
// the `kid`, never that the key is the named issuer's. Two issuers: one verified against the key
// directory (an operator, as in development), one through its published JWKS (the home platform).
const keys = generateKeySet([
  { service: "home-platform", roles: ["platform", "issuer"], alg: "ES256" },
  { service: "operator", roles: ["issuer"], alg: "ES256" },
  { service: "hive-gateway", roles: ["third-party-edge"] },
]);
const directory = new KeyDirectory(keys.directory);
const pem = (service: string) => createPublicKey({ key: directory.jwksOf(service).keys[0] as JsonWebKey, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
const platformKid = directory.jwksOf("home-platform").keys[0]!.kid!;
const jwksRequests: string[] = [];
const tokenKeys = issuerKeys(directory, ["operator"], [{ issuer: "home-platform", url: "http://platform.invalid/.well-known/jwks.json" }], (url) => (kid) => {
  jwksRequests.push(url);
  return kid === platformKid ? pem("home-platform") : "";
});

const hive = createGatewayRuntime({
  supergraph: fileURLToPath(new URL("../../../gateway/supergraph.graphql", import.meta.url)),
  logging: false,
  // As gateway.config.ts configures it: Hive's JWT plugin first, then ours.
  plugins: () => [
    useJWT({
      signingKeyProviders: tokenKeys.providers,
      tokenVerification: { algorithms: ["ES256"], audience: ACCESS_TOKEN_AUDIENCE, issuer: ["home-platform", "operator"] },
      reject: { missingToken: false, invalidToken: true },
    }),
    useJgEdge({ apiKeys: {}, signer: signerOf(keys, "hive-gateway"), limits: EDGE_DOCUMENT_LIMITS, issuerOwnsKey: tokenKeys.issuerOwnsKey }),
  ],
} as Parameters<typeof createGatewayRuntime>[0]);
afterAll(() => hive.dispose());

const citizen: Identity = { kind: "CITIZEN", accountId: "a-1" };
async function ask(token: string) {
  const res = await hive.fetch("http://hive.invalid/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe("the bearer token's issuer owns the key that verified it (deploy/hive-gateway, docs/design.md §8)", () => {
  it("accepts each issuer's token signed with its own key: the operator's from the directory, the platform's from its JWKS", async () => {
    const operator = await ask(await signAccessToken(citizen, { signer: signerOf(keys, "operator") }));
    expect(operator.status, JSON.stringify(operator.body)).toBe(200);
    expect(jwksRequests).toEqual([]); // the directory answered; the JWKS was not asked
    const platform = await ask(await signAccessToken(citizen, { signer: signerOf(keys, "home-platform") }));
    expect(platform.status, JSON.stringify(platform.body)).toBe(200);
    expect(platform.body.data).toEqual({ __typename: "Query" });
  });

  it("refuses with 401 UNAUTHENTICATED a token naming one issuer signed with the other's key, both ways", async () => {
    const forged = [
      { ...signerOf(keys, "operator"), service: "home-platform" },
      { ...signerOf(keys, "home-platform"), service: "operator" },
    ];
    for (const signer of forged) {
      const token = await signAccessToken(citizen, { signer });
      expect(kidOf(token)).toBe(directory.jwksOf(signer.service === "operator" ? "home-platform" : "operator").keys[0]!.kid);
      const { status, body } = await ask(token);
      expect(status, signer.service).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("knows no owner for a key it never handed out, nor for a token without a kid", () => {
    expect(tokenKeys.issuerOwnsKey("no-such-kid", "operator")).toBe(false);
    expect(tokenKeys.issuerOwnsKey(undefined, "operator")).toBe(false);
    expect(kidOf("not a token")).toBeUndefined();
  });

  it("reads API_KEYS with the gateway's schema: a key that is not a SHA-256 hex, or a partner without a company, is refused", () => {
    expect(apiKeyMapSchema.safeParse({ "k-123": { partnerId: "p-1", companyId: "c-1" } }).success).toBe(false);
    expect(apiKeyMapSchema.safeParse({ ["a".repeat(64)]: { partnerId: "p-1" } }).success).toBe(false);
    expect(apiKeyMapSchema.safeParse({ ["a".repeat(64)]: { partnerId: "p-1", companyId: "c-1" } }).success).toBe(true);
  });
});
