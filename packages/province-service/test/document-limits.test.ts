/**
 * Issue 10 §1/§4: a shard reached directly bounds every document before validation, as the gateway does
 * (service-kit's document guard with the subgraph limits), and still answers the plans the gateway sends.
 */
import { signIdentity } from "@jg/identity";
import { EDGE } from "./keys";
import { subgraphDocumentLimitTests } from "@jg/service-kit/testing";
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

  subgraphDocumentLimitTests(post);

  it("still resolves an _entities batch of 150 Violation keys as the gateway plans it", async () => {
    const res = await entities(t, officer51, ids.map((id) => ({ __typename: "Violation", id })), "__typename id plate status province { __typename code platformOpen }");
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(150);
  });
});
