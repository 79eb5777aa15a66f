import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway } from "../src/server";
import { MissingRouteError } from "../src/routing/route-table";
import { composeTestSupergraph } from "./fixtures/compose-test-supergraph";
import { DRIFTED_PROVINCE_SDL, PROVINCE_SDL } from "./fixtures/schemas";
import { GATEWAY_KEYS } from "./fixtures/keys";
import { startSystem, violationId, type TestSystem } from "./fixtures/system";

/** Starts a gateway (no shards, an unreachable platform) on a supergraph composed with this province SDL. */
const startOn = (sdl: string) =>
  createGateway(
    { port: 0, supergraphSdl: composeTestSupergraph(sdl), platformUrl: "http://127.0.0.1:1/graphql", shards: {}, keys: GATEWAY_KEYS },
    { logger: pino({ level: "silent" }) },
  );

describe("startup checks", () => {
  it("refuses to start when a province root field has no declared route", async () => {
    const sdl = PROVINCE_SDL.replace("type Query {", "type Query {\n  violationsByPlate(plate: String!): [Violation]");
    const start = startOn(sdl);
    await expect(start).rejects.toThrow(MissingRouteError);
    await expect(start).rejects.toThrow(/Query\.violationsByPlate/);
  });

  it("refuses to start when a route's argument path does not exist (input.province renamed)", async () => {
    const sdl = PROVINCE_SDL.replace("input RecordInput { province: String!", "input RecordInput { provinceCode: String!");
    const start = startOn(sdl);
    await expect(start).rejects.toThrow(/Mutation\.recordViolation/);
  });
});

describe("the committed supergraph", () => {
  it("starts from gateway/supergraph.graphql with every province route declared, not ready without shards, introspection on when asked", async () => {
    const gateway = await createGateway(
      {
        port: 0,
        platformUrl: "http://127.0.0.1:1/graphql",
        shards: { "50": "http://127.0.0.1:1/graphql" },
        keys: GATEWAY_KEYS,
        shardTimeoutMs: 200,
        introspection: true,
      },
      { logger: pino({ level: "silent" }) },
    );
    try {
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { shards: Array<{ status: string }> }).shards[0]!.status).toBe("unreachable");
      // Introspection switched on: the IDE-less clients (codegen) may read the schema.
      const res = await fetch(`${gateway.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __type(name: \"Violation\") { fields { name } } }" }),
      });
      const body = (await res.json()) as { data: { __type: { fields: Array<{ name: string }> } } };
      expect(body.data.__type.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["id", "status", "province"]));
    } finally {
      await gateway.close();
    }
  });
});

describe("schema drift and readiness", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem({ provinces: ["50", "51", "52"], shardSdl: { "52": DRIFTED_PROVINCE_SDL } });
  });
  afterAll(() => sys.close());

  it("refuses a drifting shard: its items fail as PROVINCE_UNAVAILABLE without a request sent", async () => {
    sys.reset();
    const { body } = await sys.gql(`query Q($id: ID!) { violation(id: $id) { id } }`, { id: violationId("52", 1) });
    expect(body.errors![0]!.extensions).toMatchObject({ code: "PROVINCE_UNAVAILABLE", province: "52", reason: "SCHEMA_DRIFT" });
    expect(sys.shards.get("52")!.hits).toHaveLength(0);
    const fine = await sys.gql(`query Q($id: ID!) { violation(id: $id) { servedBy } }`, { id: violationId("51", 1) });
    expect(fine.body.data).toEqual({ violation: { servedBy: "51" } });
  });

  it("reports the drifting shard and its differences in /readyz with 503, and /healthz stays 200", async () => {
    const ready = await fetch(`${sys.gateway.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { shards: Array<{ province: string; status: string; differences?: string[] }> };
    const drifted = body.shards.find((s) => s.province === "52")!;
    expect(drifted.status).toBe("schema-drift");
    expect(drifted.differences).toContain("+ type Violation.extra(): Int");
    expect(body.shards.filter((s) => s.status === "ok").map((s) => s.province).sort()).toEqual(["50", "51"]);
    expect((await fetch(`${sys.gateway.url}/healthz`)).status).toBe(200);
  });
});

describe("readiness when every shard is consistent, and when one is unreachable", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem({ provinces: ["50", "51"], stopped: ["51"] });
  });
  afterAll(() => sys.close());

  it("is not ready while a shard is unreachable, and says which", async () => {
    const ready = await fetch(`${sys.gateway.url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { shards: Array<{ province: string; status: string }> };
    expect(body.shards).toEqual(
      expect.arrayContaining([expect.objectContaining({ province: "51", status: "unreachable" }), expect.objectContaining({ province: "50", status: "ok" })]),
    );
  });

  it("answers a down shard's root field with PROVINCE_UNAVAILABLE (UNREACHABLE)", async () => {
    const { body } = await sys.gql(`query Q($id: ID!) { violation(id: $id) { id } }`, { id: violationId("51", 1) });
    expect(body.errors![0]).toMatchObject({ path: ["violation"], extensions: { code: "PROVINCE_UNAVAILABLE", reason: "UNREACHABLE" } });
  });
});
