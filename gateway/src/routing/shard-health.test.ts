import { describe, expect, it, vi } from "vitest";
import { DRIFTED_PROVINCE_SDL, PROVINCE_SDL } from "../../test/fixtures/schemas";
import { CircuitBreaker } from "./circuit-breaker";
import type { KeepAliveFetcher } from "./keep-alive-fetcher";
import * as provinceSubgraph from "./province-subgraph";
import { ShardClient } from "./shard-client";
import { checkShards } from "./shard-health";

// Counts the subgraph schemas built from shard SDLs; the real builder does the work.
vi.mock("./province-subgraph", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./province-subgraph")>();
  return { ...actual, subgraphFromSdl: vi.fn(actual.subgraphFromSdl) };
});
const built = vi.mocked(provinceSubgraph.subgraphFromSdl);

/** A directory of shards whose `_service { sdl }` answers come from `sdlOf` (by URL). */
function directory(codes: string[], sdlOf: (url: string) => string) {
  const keepAlive = { post: () => Promise.reject(new Error("not used")), close: async () => {} } as unknown as KeepAliveFetcher;
  const shards = new Map(
    codes.map((code) => {
      const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000 });
      const url = `http://shard-${code}/graphql`;
      return [code, new ShardClient({ province: code, url, keepAlive, breaker, timeoutMs: 1000, retries: 0, retryBaseMs: 1 })] as const;
    }),
  );
  const fetcher = (async (url: string) => new Response(JSON.stringify({ data: { _service: { sdl: sdlOf(url) } } }), { headers: { "content-type": "application/json" } })) as unknown as KeepAliveFetcher["fetcher"];
  return { shards, fetcher };
}

const credential = async () => "Bearer composer";

describe("checkShards (docs/design.md §3: a drifting shard is refused)", () => {
  it("builds each distinct shard SDL once, not once per shard and check (issue 12: the gateway's memory grew with N)", async () => {
    const expected = provinceSubgraph.subgraphFromSdl(PROVINCE_SDL);
    built.mockClear();
    const codes = Array.from({ length: 31 }, (_, i) => String(50 + i));
    const { shards, fetcher } = directory(codes, (url) => (url.includes("shard-52/") ? DRIFTED_PROVINCE_SDL : PROVINCE_SDL));
    const first = await checkShards(shards, expected, fetcher, 1000, credential);
    const second = await checkShards(shards, expected, fetcher, 1000, credential);
    expect(built).toHaveBeenCalledTimes(2); // the common SDL and the drifted one, once each over both checks
    for (const health of [first, second]) {
      expect(health.filter((h) => h.status === "ok")).toHaveLength(30);
      expect(health.find((h) => h.province === "52")).toMatchObject({ status: "schema-drift", differences: ["+ type Violation.extra(): Int"] });
    }
    expect(shards.get("52")!.refusal?.reason).toBe("SCHEMA_DRIFT");
  });

  it("lets a shard back in when it serves the expected SDL again, and reports an SDL that does not build", async () => {
    const expected = provinceSubgraph.subgraphFromSdl(PROVINCE_SDL);
    let sdl52 = DRIFTED_PROVINCE_SDL;
    const { shards, fetcher } = directory(["51", "52", "53"], (url) => (url.includes("shard-52/") ? sdl52 : url.includes("shard-53/") ? "type Query {" : PROVINCE_SDL));
    const before = await checkShards(shards, expected, fetcher, 1000, credential);
    expect(before.map((h) => h.status)).toEqual(["ok", "schema-drift", "schema-drift"]);
    expect(before[2]).toMatchObject({ differences: [expect.stringMatching(/^shard SDL does not build: /)] });
    sdl52 = PROVINCE_SDL;
    const after = await checkShards(shards, expected, fetcher, 1000, credential);
    expect(after.map((h) => h.status)).toEqual(["ok", "ok", "schema-drift"]);
    expect(shards.get("52")!.refusal).toBeUndefined();
  });
});
