import { bearer, COMPOSE_AUDIENCE, signIdentity, signServiceToken } from "@jg/identity";
import { SUBGRAPH_DOCUMENT_LIMITS } from "@jg/service-kit";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStandaloneRouter, type StandaloneRouter } from "../src/standalone";
import { PROVINCE_SDL } from "./fixtures/schemas";
import { startShard, type TestShard } from "./fixtures/province-shard";
import { DIRECTORY, ROUTER_SIGNER } from "./fixtures/keys";
import { violationId } from "./fixtures/system";

describe("the province router as a standalone subgraph service (docs/design.md §3)", () => {
  let shards: TestShard[];
  let router: StandaloneRouter;
  beforeAll(async () => {
    shards = [await startShard("50", { directory: DIRECTORY }), await startShard("51", { directory: DIRECTORY })];
    router = await startStandaloneRouter({
      provinceSdl: PROVINCE_SDL,
      shards: Object.fromEntries(shards.map((s) => [s.province, s.url])),
      shardTimeoutMs: 1000,
      shardRetries: 0,
      retryBaseMs: 0,
      breakerFailures: 5,
      breakerCoolDownMs: 1000,
      subgraphTracing: false,
      logger: pino({ level: "silent" }),
      composer: ROUTER_SIGNER,
      directory: DIRECTORY,
    });
  });
  afterAll(async () => {
    await router.close();
    for (const s of shards) await s.close();
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    (await (await fetch(`${router.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) })).json()) as {
      data?: Record<string, unknown>;
      errors?: Array<{ path?: unknown[]; extensions?: Record<string, unknown> }>;
    };

  it("bounds documents before routing them, as every subgraph does (issue 10 §1)", async () => {
    const huge = await post({ query: `{ ${"__typename ".repeat(90_000)}}` });
    expect(huge.errors?.[0]?.extensions).toEqual({ code: "DOCUMENT_TOO_LARGE", limit: SUBGRAPH_DOCUMENT_LIMITS.maxTokens });
    const wide = await post({ query: `{ ${"__typename ".repeat(SUBGRAPH_DOCUMENT_LIMITS.maxSelectionsPerSet + 1)}}` });
    expect(wide.errors?.[0]?.extensions?.["code"]).toBe("TOO_MANY_SELECTIONS");
    expect(shards.every((s) => s.hits.length === 0)).toBe(true);
  });

  it("serves the province SDL to a composer, so a fronting router composes it as one subgraph", async () => {
    const body = await post({ query: "{ _service { sdl } }" }, { authorization: bearer(await signServiceToken(COMPOSE_AUDIENCE, ROUTER_SIGNER)) });
    expect((body.data?.["_service"] as { sdl: string }).sdl).toBe(PROVINCE_SDL);
  });

  it("splits an entities request by province and passes the fronting router's identity header through", async () => {
    // The fronting router signs with its own key, listed as an edge in the shards' directory.
    const identity = await signIdentity({ kind: "SERVICE", service: "apollo-router" }, { signer: ROUTER_SIGNER });
    const representations = [
      { __typename: "Violation", id: violationId("51", 1) },
      { __typename: "Violation", id: violationId("50", 2) },
      { __typename: "Violation", id: violationId("44", 3) },
    ];
    const body = await post(
      { query: "query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Violation { id servedBy viewer } } }", variables: { representations } },
      { "x-jg-identity": identity },
    );
    const entities = body.data?.["_entities"] as Array<{ servedBy: string; viewer: string } | null>;
    expect(entities.map((e) => e?.servedBy ?? null)).toEqual(["51", "50", null]);
    expect(JSON.parse(entities[0]!.viewer)).toEqual({ kind: "SERVICE", service: "apollo-router" });
    expect(body.errors).toEqual([expect.objectContaining({ path: ["_entities", 2], extensions: expect.objectContaining({ code: "PROVINCE_UNKNOWN" }) })]);
  });

  it("is ready when every shard serves the province SDL", async () => {
    expect((await fetch(`${router.url}/readyz`)).status).toBe(200);
  });

  it("serves the same operations endpoints as the gateway: health with its pid, Prometheus metrics with their content type", async () => {
    expect(await (await fetch(`${router.url}/healthz`)).json()).toEqual({ status: "ok", pid: process.pid });
    const metrics = await fetch(`${router.url}/metrics`);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metrics.text()).toMatch(/^# HELP jg_gateway_/m);
  });
});
