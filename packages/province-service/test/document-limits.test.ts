/**
 * Issue 10 §1/§4: a shard reached directly bounds every document before validation, as the gateway does
 * (service-kit's document guard with the subgraph limits), and still answers the plans the gateway sends.
 */
import { signIdentity } from "@jg/identity";
import { EDGE } from "./keys";
import { SUBGRAPH_DOCUMENT_LIMITS } from "@jg/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedViolations } from "../src/seed";
import { entities } from "./flow";
import { officer51, startTestShard, type TestShard } from "./harness";

describe("a shard's document limits (issue 10 §1, §4)", () => {
  let t: TestShard;
  let ids: string[];
  beforeAll(async () => {
    t = await startTestShard();
    const at = new Date(t.clock.now().getTime() - 86_400_000);
    ids = (await seedViolations(t.shard.db, "51", { count: 150, occurredAt: at, recordedAt: at, plate: (i) => `川A${String(i).padStart(5, "0")}` })).map((r) => r.id);
  });
  afterAll(() => t.close());

  const post = async (query: string, operationName?: string) => {
    const header = await signIdentity(officer51, { signer: EDGE, now: t.clock.now() });
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-jg-identity": header },
      body: JSON.stringify({ query, operationName }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> } };
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
    const res = await post(`query A { __typename }`, "B");
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("UNKNOWN_OPERATION");
  });

  it("still resolves an _entities batch of 150 Violation keys as the gateway plans it", async () => {
    const res = await entities(t, officer51, ids.map((id) => ({ __typename: "Violation", id })), "__typename id plate status province { __typename code platformOpen }");
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(150);
  });
});
