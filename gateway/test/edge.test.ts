import { bearer, generateServiceKey, signAccessToken, signerFromJwk, signerOf, signServiceToken, verifyIdentityToken } from "@jg/identity";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashApiKey } from "../src/edge/authenticate";
import { operationHeaders } from "../src/platform-data-source";
import { DIRECTORY, LAUNCHER_SIGNER, PLATFORM_SIGNER, TEST_KEYS } from "./fixtures/keys";
import { startSystem, violationId, type TestSystem } from "./fixtures/system";

const PARTNER_KEY = "partner-key-of-rental-company-0001";

describe("the edge: authentication, identity forwarding, limits, request IDs, metrics", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem({
      provinces: ["50", "51"],
      config: {
        limits: { maxDepth: 5, maxAliases: 3, maxCost: 200, listSize: 10 },
        introspection: false,
        apiKeys: { [hashApiKey(PARTNER_KEY)]: { partnerId: "partner-1", companyId: "company-9" } },
      },
    });
  });
  afterAll(() => sys.close());
  beforeEach(() => sys.reset());

  const VIEWER = `query Q($id: ID!) { violation(id: $id) { viewer } }`;

  it("forwards a verified citizen as a signed identity header the shard can verify, and the request ID beside it", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-42" }, { signer: PLATFORM_SIGNER });
    const { body, headers } = await sys.gql(VIEWER, { id: violationId("51", 1) }, { authorization: `Bearer ${token}`, "x-request-id": "req-abc.1" });
    expect(JSON.parse((body.data?.["violation"] as { viewer: string }).viewer)).toEqual({ kind: "CITIZEN", accountId: "acc-42" });
    expect(headers.get("x-request-id")).toBe("req-abc.1");
    const seen = sys.shards.get("51")!.headers[0]!;
    expect(seen["x-request-id"]).toBe("req-abc.1");
    const verified = await verifyIdentityToken(String(seen["x-jg-identity"]), { directory: DIRECTORY });
    expect(verified).toMatchObject({ identity: { kind: "CITIZEN", accountId: "acc-42" }, edge: { service: "gateway" } });
  });

  it("signs one identity header per identity for a few seconds: the next request of that citizen carries the same one, another citizen's differs (issue 12)", async () => {
    const headerFor = async (accountId: string, requestId: string) => {
      const token = await signAccessToken({ kind: "CITIZEN", accountId }, { signer: PLATFORM_SIGNER });
      sys.shards.get("51")!.headers.length = 0;
      await sys.gql(VIEWER, { id: violationId("51", 1) }, { authorization: `Bearer ${token}`, "x-request-id": requestId });
      const seen = sys.shards.get("51")!.headers[0]!;
      expect(seen["x-request-id"]).toBe(requestId);
      return String(seen["x-jg-identity"]);
    };
    const first = await headerFor("acc-7", "req-1");
    const again = await headerFor("acc-7", "req-2");
    const other = await headerFor("acc-8", "req-3");
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect((await verifyIdentityToken(other, { directory: DIRECTORY })).identity).toEqual({ kind: "CITIZEN", accountId: "acc-8" });
  });

  it("keys each client query for the platform with its own random operation key, never the client's, and sends it to no shard (issue 12)", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      sys.platform.headers.length = 0;
      const { body } = await sys.gql(`{ vehicle(plate: "1") { plate } }`, {}, { "x-jg-operation": "client-chosen-key" });
      expect(body.errors).toBeUndefined();
      keys.push(String(sys.platform.headers[0]?.["x-jg-operation"]));
    }
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(keys[1]).not.toBe(keys[0]);
    sys.platform.violationIds = [violationId("51", 1)];
    await sys.gql(`{ vehicle(plate: "1") { violations { id plate } } }`);
    expect(sys.shards.get("51")!.headers.length).toBeGreaterThan(0);
    for (const seen of sys.shards.get("51")!.headers) expect(seen["x-jg-operation"]).toBeUndefined();
  });

  it("keys only a client's query: never a mutation's requests, a subscription's or the gateway's own (issue 12)", () => {
    const context = { operationKey: "5f0c1d9e-aaaa-4bbb-8ccc-0123456789ab" };
    const incoming = (operation: string) => ({ kind: "incoming operation", request: {}, context, incomingRequestContext: { operation: { operation } } }) as never;
    expect(operationHeaders(incoming("query"))).toEqual({ "x-jg-operation": context.operationKey });
    expect(operationHeaders(incoming("mutation"))).toBeUndefined();
    expect(operationHeaders(incoming("subscription"))).toBeUndefined();
    expect(operationHeaders({ kind: "health check", request: {}, context } as never)).toBeUndefined();
    expect(operationHeaders({ kind: "incoming operation", request: {}, context: {}, incomingRequestContext: { operation: { operation: "query" } } } as never)).toBeUndefined();
  });

  it("never forwards a client's own x-jg-identity header: an anonymous client gets the edge's signed ANONYMOUS identity (issue 10 §4)", async () => {
    const { body } = await sys.gql(VIEWER, { id: violationId("51", 1) }, { "x-jg-identity": "forged" });
    expect((body.data?.["violation"] as { viewer: string }).viewer).toBe("anonymous");
    const seen = String(sys.shards.get("51")!.headers[0]!["x-jg-identity"]);
    expect(seen).not.toBe("forged");
    expect((await verifyIdentityToken(seen, { directory: DIRECTORY })).identity).toEqual({ kind: "ANONYMOUS" });
  });

  it("refuses an access token signed by a service that may not issue them, or by a key not in the directory (issue 10 §5)", async () => {
    const byProvince = await signAccessToken({ kind: "CITIZEN", accountId: "acc-42" }, { signer: signerOf(TEST_KEYS, "province-51") });
    const stranger = signerFromJwk("home-platform", generateServiceKey("home-platform").privateJwk);
    const unknownKid = await signAccessToken({ kind: "CITIZEN", accountId: "acc-42" }, { signer: stranger });
    for (const token of [byProvince, unknownKid]) {
      const res = await sys.gql(VIEWER, { id: violationId("51", 1) }, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
    }
  });

  it("answers /internal/clock only to a service credential of the directory (issue 10 §6)", async () => {
    const url = `${sys.gateway.url}/internal/clock`;
    expect((await fetch(url)).status).toBe(403);
    const byPlatform = bearer(await signServiceToken("gateway", PLATFORM_SIGNER));
    expect((await fetch(url, { headers: { authorization: byPlatform } })).status).toBe(403);
    const byLauncher = bearer(await signServiceToken("gateway", LAUNCHER_SIGNER));
    expect((await fetch(url, { headers: { authorization: byLauncher } })).status).toBe(200);
  });

  it("publishes its public keys as a JWKS", async () => {
    const jwks = (await (await fetch(`${sys.gateway.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([signerOf(TEST_KEYS, "gateway").kid]);
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  it("identifies a partner by API key", async () => {
    const { body } = await sys.gql(VIEWER, { id: violationId("50", 1) }, { "x-api-key": PARTNER_KEY });
    expect(JSON.parse((body.data?.["violation"] as { viewer: string }).viewer)).toEqual({
      kind: "PARTNER",
      partnerId: "partner-1",
      companyId: "company-9",
    });
  });

  it("refuses an invalid bearer token and an unknown API key with UNAUTHENTICATED (401)", async () => {
    const forged = (await signAccessToken({ kind: "CITIZEN", accountId: "acc-42" }, { signer: PLATFORM_SIGNER })).replace(/.{4}$/, "AAAA");
    const refused: Array<Record<string, string>> = [{ authorization: `Bearer ${forged}` }, { authorization: "Bearer not-a-jwt" }, { "x-api-key": "nope" }];
    for (const headers of refused) {
      const res = await sys.gql(VIEWER, { id: violationId("51", 1) }, { ...headers, "x-request-id": "req-refused.1" });
      expect(res.status).toBe(401);
      expect(res.body.errors![0]!.extensions?.["code"]).toBe("UNAUTHENTICATED");
      expect(res.headers.get("x-request-id")).toBe("req-refused.1");
    }
    expect(sys.shards.get("51")!.hits).toHaveLength(0);
  });

  it("makes a request ID when the client sends none, or an unusable one", async () => {
    const none = await sys.gql(`{ province(code: "50") { code } }`);
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await sys.gql(`{ province(code: "50") { code } }`, {}, { "x-request-id": "bad id with spaces" });
    expect(bad.headers.get("x-request-id")).not.toBe("bad id with spaces");
  });

  it("refuses a query deeper than the limit with QUERY_TOO_DEEP", async () => {
    const { body } = await sys.gql(`{ deep { child { child { child { child { child { name } } } } } } }`);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions).toMatchObject({ code: "QUERY_TOO_DEEP", limit: 5 });
    const ok = await sys.gql(`{ deep { child { child { name } } } }`);
    expect(ok.body.errors).toBeUndefined();
  });

  it("counts aliases in fragments every time they are spread (TOO_MANY_ALIASES)", async () => {
    const { body } = await sys.gql(`
      query { a: province(code: "50") { ...F } b: province(code: "51") { ...F } }
      fragment F on Province { x: code }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: "TOO_MANY_ALIASES", limit: 3, actual: 4 });
  });

  it("refuses a query whose list fan-out costs more than the limit (QUERY_TOO_COMPLEX)", async () => {
    // vehicle 1 + plate 1 + violations 1 + 10 × 4 fields = 43 per vehicle: three cost 129, under 200.
    const fields = "plate violations { id plate servedBy viewer }";
    const { body } = await sys.gql(`{ v1: vehicle(plate: "1") { ${fields} } v2: vehicle(plate: "2") { ${fields} } v3: vehicle(plate: "3") { ${fields} } }`);
    expect(body.errors?.[0]?.extensions?.["code"]).not.toBe("QUERY_TOO_COMPLEX");
    const big = await sys.gql(`{ vehicle(plate: "1") { violations { id plate servedBy viewer flaky } plate } vehicle2: vehicle(plate: "2") { violations { id plate servedBy viewer flaky } } vehicle3: vehicle(plate: "3") { violations { id plate servedBy viewer flaky } } vehicle4: vehicle(plate: "3") { violations { id plate servedBy viewer flaky } } }`);
    // 1 + 1 + 1 + 10 × 5 = 53, then 52 for each of three more: 209, over 200.
    expect(big.body.errors!.map((e) => e.extensions?.["code"])).toContain("QUERY_TOO_COMPLEX");
  });

  // Issue 10 §1: every document is bounded before validation; `__typename` counts like any field.
  it("refuses 20 000 `__typename` selections while parsing (DOCUMENT_TOO_LARGE), echoing the request ID", async () => {
    const { status, body, headers } = await sys.gql(`{ ${"__typename ".repeat(20_000)}}`, {}, { "x-request-id": "req-big.1" });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: "查询文档的词法单元数超过上限2000", extensions: { code: "DOCUMENT_TOO_LARGE", limit: 2000 } }]);
    expect(headers.get("x-request-id")).toBe("req-big.1");
  });

  it("refuses more `__typename` selections in one selection set than the limit (TOO_MANY_SELECTIONS)", async () => {
    const { status, body } = await sys.gql(`{ ${"__typename ".repeat(101)}}`, {}, { "accept-language": "en" });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: "The document selects more fields than the limit of 100", extensions: { code: "TOO_MANY_SELECTIONS", limit: 100, actual: 101 } },
    ]);
    expect((await sys.gql(`{ ${"__typename ".repeat(100)}}`)).body).toEqual({ data: { __typename: "Query" } });
  });

  it("counts aliased `__typename` against the alias limit (TOO_MANY_ALIASES)", async () => {
    const { status, body } = await sys.gql(`{ a: __typename b: __typename c: __typename d: __typename }`);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: "TOO_MANY_ALIASES", limit: 3, actual: 4 });
  });

  it("counts `__typename` in the cost (QUERY_TOO_COMPLEX)", async () => {
    // 1 + 1 + 10 × 4 = 42 per vehicle, 168 for four; with `__typename` in each list, 52 each: 208 > 200.
    const query = (extra: string) =>
      `{ ${["v1", "v2", "v3", "v4"].map((a, i) => `${i === 0 ? "" : `${a}: `}vehicle(plate: "${i}") { violations { id plate servedBy viewer ${extra} } }`).join(" ")} }`;
    expect((await sys.gql(query(""))).body.errors?.map((e) => e.extensions?.["code"]) ?? []).not.toContain("QUERY_TOO_COMPLEX");
    expect((await sys.gql(query("__typename"))).body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: 200, actual: 208 });
  });

  // Issue 10 §6: client errors at the edge are 4xx and GraphQL-shaped, with codes from the catalogue.
  it("answers an unknown operationName with UNKNOWN_OPERATION (400)", async () => {
    const res = await fetch(`${sys.gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify({ query: `query A { __typename } query B { __typename }`, operationName: "C" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ message: "The request does not name exactly one operation of its document", extensions: { code: "UNKNOWN_OPERATION" } }],
    });
  });

  it("answers a malformed JSON body and an over-size body with GraphQL-shaped errors (MALFORMED_REQUEST, REQUEST_TOO_LARGE)", async () => {
    const post = (body: string) => fetch(`${sys.gateway.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const malformed = await post(`{"query": "{ __typename }"`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: [{ message: "The request body is not a valid GraphQL request", extensions: { code: "MALFORMED_REQUEST" } }] });
    const big = await post(JSON.stringify({ query: `{ __typename }`, variables: { x: "x".repeat(1024 * 1024) } }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      errors: [{ message: "The request body is larger than 1048576 bytes", extensions: { code: "REQUEST_TOO_LARGE", limit: 1048576 } }],
    });
  });

  it("speaks the client's language: Chinese by default, English when asked (docs/design.md §7)", async () => {
    const deep = `{ deep { child { child { child { child { child { name } } } } } } }`;
    expect((await sys.gql(deep)).body.errors![0]!.message).toBe("查询嵌套层数超过上限5");
    expect((await sys.gql(deep, {}, { "accept-language": "en-GB,zh;q=0.5" })).body.errors![0]!.message).toBe(
      "The query is nested deeper than the limit of 5",
    );
    const unknown = `query Q($id: ID!) { violation(id: $id) { id } }`;
    expect((await sys.gql(unknown, { id: violationId("44", 1) })).body.errors![0]!.message).toBe("未知的省份：44");
    expect((await sys.gql(unknown, { id: violationId("44", 1) }, { "accept-language": "en" })).body.errors![0]!.message).toBe(
      "Unknown province: 44",
    );
  });

  it("refuses introspection with INTROSPECTION_DISABLED when it is switched off, but answers __typename", async () => {
    const { body } = await sys.gql(`{ __schema { queryType { name } } }`);
    expect(body.errors![0]!.extensions?.["code"]).toBe("INTROSPECTION_DISABLED");
    const typename = await sys.gql(`{ __typename }`);
    expect(typename.body.data).toEqual({ __typename: "Query" });
  });

  it("exposes request and per-shard latency histograms and error counters on /metrics", async () => {
    sys.shards.get("50")!.mode = { kind: "http500" };
    await sys.gql(`query Q($id: ID!) { violation(id: $id) { id } }`, { id: violationId("50", 1) });
    await sys.gql(`query Q($id: ID!) { violation(id: $id) { id } }`, { id: violationId("51", 1) });
    await sys.gql(`{ __typename }`, {}, { "x-api-key": "refused" });
    const res = await fetch(`${sys.gateway.url}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/jg_gateway_request_duration_seconds_bucket\{le="[^"]+",operation_type="query",outcome="ok"\}/);
    expect(text).toMatch(/jg_gateway_request_duration_seconds_count\{operation_type="query",outcome="partial"\} [1-9]/);
    expect(text).toMatch(/jg_gateway_shard_request_duration_seconds_count\{province="51",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/jg_gateway_shard_request_duration_seconds_count\{province="50",outcome="UPSTREAM_ERROR"\} [1-9]/);
    expect(text).toMatch(/jg_gateway_errors_total\{code="PROVINCE_UNAVAILABLE"\} [1-9]/);
    expect(text).toMatch(/jg_gateway_errors_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/jg_gateway_shard_circuit_state\{province="51"\} 0/);
  });

  it("is ready when every shard answers with the composed schema", async () => {
    const res = await fetch(`${sys.gateway.url}/readyz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("ready");
  });
});
