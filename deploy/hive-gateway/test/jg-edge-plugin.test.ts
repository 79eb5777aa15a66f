import { createGatewayRuntime, useJWT } from "@graphql-hive/gateway";
import { hashApiKey } from "@jg/gateway/api-keys";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { generateKeySet, IDENTITY_HEADER, KeyDirectory, readCarriedIdentity, signerOf } from "@jg/identity";
import { EDGE_DOCUMENT_LIMITS } from "@jg/service-kit";
import { GraphQLError, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { ownIdentity, subgraphHeaders, useJgEdge, withUnauthenticatedCode, SIGNED_IDENTITY } from "../src/jg-edge-plugin";

// Issue 13: the plugin Hive Gateway runs for us: API keys → a signed identity the subgraphs accept, and our limits.
const keys = generateKeySet([{ service: "hive-gateway", roles: ["third-party-edge"] }]);
const directory = new KeyDirectory(keys.directory);
const apiKeys = { [hashApiKey("k-123")]: { partnerId: "p-1", companyId: "91500000MA5U000001" } };
const plugin = useJgEdge({ apiKeys, signer: signerOf(keys, "hive-gateway"), limits: EDGE_DOCUMENT_LIMITS, issuerOwnsKey: () => true });

async function contextFor(headers: Record<string, string>): Promise<Record<string, unknown>> {
  const context: Record<string, unknown> = { request: new Request("http://hive.invalid/graphql", { headers }) };
  await plugin.onContextBuilding({ context, extendContext: (extra) => Object.assign(context, extra) });
  return context;
}

describe("the Hive Gateway plugin (deploy/hive-gateway)", () => {
  it("turns a partner's API key into an identity header the subgraphs accept, signed as a third-party edge", async () => {
    const context = await contextFor({ "x-api-key": "k-123" });
    const headers = subgraphHeaders(context["request"] as Request, context);
    expect(headers.authorization).toBeUndefined();
    const read = await readCarriedIdentity({ [IDENTITY_HEADER]: headers[IDENTITY_HEADER]! }, directory);
    expect(read).toMatchObject({ carriedBy: "third-party-edge", identity: { kind: "PARTNER", partnerId: "p-1", companyId: "91500000MA5U000001" } });
  });

  it("signs ANONYMOUS for a caller without credentials, and nothing for a bearer (forwarded as it came)", async () => {
    const anonymous = await contextFor({});
    expect((await readCarriedIdentity({ [IDENTITY_HEADER]: anonymous[SIGNED_IDENTITY] as string }, directory)).identity).toEqual({ kind: "ANONYMOUS" });
    const bearer = await contextFor({ authorization: "Bearer abc.def.ghi", "accept-language": "en", "x-request-id": "r-1" });
    expect(bearer[SIGNED_IDENTITY]).toBeUndefined();
    expect(subgraphHeaders(bearer["request"] as Request, bearer)).toEqual({ [IDENTITY_HEADER]: undefined, authorization: "Bearer abc.def.ghi", "accept-language": "en", "x-request-id": "r-1" });
  });

  it("refuses an unknown key, and a key with a bearer token, with 401 UNAUTHENTICATED as our gateway does", () => {
    const cases: Record<string, string>[] = [{ "x-api-key": "nope" }, { "x-api-key": "k-123", authorization: "Bearer x" }];
    for (const headers of cases) {
      let error: unknown;
      try {
        ownIdentity(new Headers(headers), apiKeys);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({ code: "UNAUTHENTICATED", http: { status: 401 } });
    }
  });

  it("bounds documents before validation with our edge limits: 31 aliases are refused, 30 pass", () => {
    const aliases = (n: number) => parse(`{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`);
    let errors: readonly GraphQLError[] | undefined;
    plugin.onValidate({ params: { documentAST: aliases(EDGE_DOCUMENT_LIMITS.maxAliases + 1) }, setResult: (e) => (errors = e) });
    expect(errors?.[0]?.extensions).toMatchObject({ code: "TOO_MANY_ALIASES", limit: EDGE_DOCUMENT_LIMITS.maxAliases });
    errors = undefined;
    plugin.onValidate({ params: { documentAST: aliases(EDGE_DOCUMENT_LIMITS.maxAliases) }, setResult: (e) => (errors = e) });
    expect(errors).toBeUndefined();
  });

  it("gives Hive's JWT refusal (401, no code) our UNAUTHENTICATED code, status kept; other answers untouched", async () => {
    const hive = (plugins: ReturnType<typeof useJgEdge>[]) =>
      createGatewayRuntime({
        supergraph: fileURLToPath(new URL("../../../gateway/supergraph.graphql", import.meta.url)),
        logging: false,
        // Hive's JWT plugin as the CLI adds it for gateway.config.ts's `jwt`: first, before ours.
        plugins: () => [useJWT({ signingKeyProviders: [() => "not-the-key"], tokenVerification: { algorithms: ["HS256"] }, reject: { missingToken: false, invalidToken: true } }), ...plugins],
      } as Parameters<typeof createGatewayRuntime>[0]);
    // A well-formed token signed with another key: Hive's JWT plugin refuses it with 401.
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: "c-1" })}`;
    const token = `${unsigned}.${createHmac("sha256", "another-key").update(unsigned).digest("base64url")}`;
    const refusal = async (gw: ReturnType<typeof hive>) => {
      const res = await gw.fetch("http://hive.invalid/graphql", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: "{ __typename }" }) });
      return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
    };
    const [bare, ours] = [hive([]), hive([plugin])];
    try {
      const before = await refusal(bare);
      expect(before.status).toBe(401);
      expect(before.body.errors?.[0]?.extensions?.["code"]).toBeUndefined();
      const after = await refusal(ours);
      expect(after.status).toBe(401);
      expect(after.body.errors?.map((e) => e.extensions?.["code"])).toEqual(["UNAUTHENTICATED"]);
    } finally {
      await bare.dispose();
      await ours.dispose();
    }
    const other = { errors: [new GraphQLError("x", { extensions: { code: "TOO_MANY_ALIASES", http: { status: 400 } } })] };
    expect(withUnauthenticatedCode(other)).toBe(other);
  });
});
