/**
 * Issue 10 §1/§4: the platform reached directly bounds every document before validation, as the gateway
 * does (service-kit's document guard with the subgraph limits), and still answers planned _entities batches.
 */
import { signIdentity } from "@jg/identity";
import { subgraphDocumentLimitTests, testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDGE, startTestPlatform, type TestPlatform } from "./flow";

describe("the platform's document limits (issue 10 §1, §4)", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(testEngines()[0]!);
  });
  afterAll(() => t.close());

  const post = async (query: string, variables: Record<string, unknown> = {}, operationName?: string) => {
    const header = await signIdentity({ kind: "OFFICER", officerId: "officer-1", provinceCode: "50" }, { signer: EDGE, now: t.clock.now() });
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-jg-identity": header },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: res.status, body: (await res.json()) as { data?: { _entities?: unknown[] }; errors?: Array<{ extensions?: Record<string, unknown> }> } };
  };
  const codeOf = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0]?.extensions?.["code"];

  subgraphDocumentLimitTests((query, operationName) => post(query, {}, operationName));

  it("refuses text holding U+0000 with BAD_USER_INPUT instead of failing in the database (found by the fuzzing suite)", async () => {
    for (const [query, variables] of [
      ['{ registration(id: "\\u0000") { id } }', {}],
      ["query($id: ID!) { registration(id: $id) { id } }", { id: "a\u0000" }],
    ] as const) {
      const res = await post(query, variables);
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe("BAD_USER_INPUT");
    }
  });

  it("still answers an _entities batch of 150 representations as the gateway plans it", async () => {
    const representations = Array.from({ length: 150 }, (_, i) => ({ __typename: "Vehicle", plate: `渝A${String(i).padStart(5, "0")}` }));
    const res = await post(`query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Vehicle { __typename plate } } }`, { representations });
    expect(res.status).toBe(200);
    expect(res.body.data?._entities).toHaveLength(150);
  });
});
