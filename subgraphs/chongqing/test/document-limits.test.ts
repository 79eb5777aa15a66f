/**
 * Issue 10 §1/§4: the platform reached directly bounds every document before validation, as the gateway
 * does (service-kit's document guard with the subgraph limits), and still answers planned _entities batches.
 */
import { signIdentity } from "@jg/identity";
import { SUBGRAPH_DOCUMENT_LIMITS } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
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

  it("refuses 90 000 `__typename` selections while parsing (DOCUMENT_TOO_LARGE)", async () => {
    const res = await post(`{ ${"__typename ".repeat(90_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: "DOCUMENT_TOO_LARGE", limit: SUBGRAPH_DOCUMENT_LIMITS.maxTokens });
  });

  it("refuses a selection set wider than the limit before validation (TOO_MANY_SELECTIONS)", async () => {
    const res = await post(`{ ${"__typename ".repeat(SUBGRAPH_DOCUMENT_LIMITS.maxSelectionsPerSet + 1)}}`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("TOO_MANY_SELECTIONS");
  });

  it("refuses 500 aliased `_service { sdl }` (a 5 MB answer on main), and 200 of them (TOO_MANY_ALIASES)", async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: _service { sdl }`).join(" ")} }`;
    const many = await post(aliased(500));
    expect(many.status).toBe(400);
    expect(codeOf(many)).toBe("TOO_MANY_SELECTIONS");
    const res = await post(aliased(200));
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("TOO_MANY_ALIASES");
  });

  it("answers an unknown operationName with UNKNOWN_OPERATION (400)", async () => {
    const res = await post(`query A { __typename }`, {}, "B");
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("UNKNOWN_OPERATION");
  });

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
