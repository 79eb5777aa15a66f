import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeFromRunningServices } from "../src/compose-live";
import { provinceSubgraphOf } from "../src/routing/province-subgraph";
import { startPlatform, type TestPlatform } from "./fixtures/platform";
import { DIRECTORY, GATEWAY_KEYS, PLATFORM_SIGNER } from "./fixtures/keys";
import { startShard, type TestShard } from "./fixtures/province-shard";

describe("development mode: composing from running services", () => {
  let shard: TestShard;
  let platform: TestPlatform;
  beforeAll(async () => {
    shard = await startShard("51", { directory: DIRECTORY });
    platform = await startPlatform();
  });
  afterAll(async () => {
    await shard.close();
    await platform.close();
  });

  it("composes the platform's and a shard's live SDL into a supergraph the router can read", async () => {
    const supergraph = await composeFromRunningServices(platform.url, shard.url, GATEWAY_KEYS.signer);
    expect([...provinceSubgraphOf(supergraph).rootFields.keys()]).toEqual(
      expect.arrayContaining(["Query.violation", "Query.province", "Mutation.recordViolation"]),
    );
    expect(supergraph).toContain("type Vehicle");
  });

  it("fails clearly when a service does not answer", async () => {
    await expect(composeFromRunningServices("http://127.0.0.1:1/graphql", shard.url, GATEWAY_KEYS.signer)).rejects.toThrow();
  });

  it("is refused a shard's SDL without the composer's credential (issue 10 §4)", async () => {
    await expect(composeFromRunningServices(platform.url, shard.url, PLATFORM_SIGNER)).rejects.toThrow(/_service/);
  });
});
