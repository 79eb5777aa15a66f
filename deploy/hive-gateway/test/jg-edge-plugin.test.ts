import { hashApiKey } from "@jg/gateway/api-keys";
import { generateKeySet, IDENTITY_HEADER, KeyDirectory, readCarriedIdentity, signerOf } from "@jg/identity";
import { EDGE_DOCUMENT_LIMITS } from "@jg/service-kit";
import { GraphQLError, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { ownIdentity, subgraphHeaders, useJgEdge, SIGNED_IDENTITY } from "../src/jg-edge-plugin";

// Issue 13: the plugin Hive Gateway runs for us: API keys → a signed identity the subgraphs accept, and our limits.
const keys = generateKeySet([{ service: "hive-gateway", roles: ["third-party-edge"] }]);
const directory = new KeyDirectory(keys.directory);
const apiKeys = { [hashApiKey("k-123")]: { partnerId: "p-1", companyId: "91500000MA5U000001" } };
const plugin = useJgEdge({ apiKeys, signer: signerOf(keys, "hive-gateway"), limits: EDGE_DOCUMENT_LIMITS });

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
});
