import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSystem, violationId, type TestSystem } from "./fixtures/system";

const VEHICLE = `query V($plate: String!) { vehicle(plate: $plate) { plate violations { id plate servedBy flaky } } }`;

describe("_entities split by province (docs/design.md §3)", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem({ provinces: ["50", "51", "52"] });
  });
  afterAll(() => sys.close());
  beforeEach(() => sys.reset());

  it("merges entities from three shards back in the original order and length", async () => {
    const ids = [violationId("51", 1), violationId("50", 2), violationId("52", 3), violationId("51", 4), violationId("50", 5)];
    sys.platform.violationIds = ids;
    const { body } = await sys.gql(VEHICLE, { plate: "渝A12345" });
    expect(body.errors).toBeUndefined();
    const violations = (body.data?.["vehicle"] as { violations: Array<{ id: string; servedBy: string }> }).violations;
    expect(violations.map((v) => v.id)).toEqual(ids);
    expect(violations.map((v) => v.servedBy)).toEqual(["51", "50", "52", "51", "50"]);
  });

  it("sends one upstream request per province per plan step", async () => {
    sys.platform.violationIds = [violationId("51", 1), violationId("51", 2), violationId("52", 3), violationId("51", 4)];
    await sys.gql(VEHICLE, { plate: "渝A12345" });
    expect(sys.shards.get("51")!.hits).toHaveLength(1);
    expect(sys.shards.get("52")!.hits).toHaveLength(1);
    expect(sys.shards.get("50")!.hits).toHaveLength(0);
    expect(sys.shards.get("51")!.hits[0]!.variables["representations"]).toHaveLength(3);
  });

  it("remaps a shard's error paths to the items' original indexes", async () => {
    const failing = `${violationId("52", 1).slice(0, 12)}9999`;
    sys.platform.violationIds = [violationId("51", 1), violationId("52", 2), violationId("51", 3), failing];
    const { body } = await sys.gql(VEHICLE, { plate: "渝A12345" });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.path).toEqual(["vehicle", "violations", 3, "flaky"]);
    expect(body.errors![0]!.extensions?.["code"]).toBe("TEST_FLAKY");
    const violations = (body.data?.["vehicle"] as { violations: Array<{ id: string; flaky: string | null }> }).violations;
    expect(violations[3]).toMatchObject({ id: failing, flaky: null });
    expect(violations[2]!.flaky).toBe(`fine ${violationId("51", 3)}`);
  });

  it("fails only a down shard's items with PROVINCE_UNAVAILABLE; the others answer", async () => {
    sys.shards.get("52")!.mode = { kind: "http500" };
    sys.platform.violationIds = [violationId("51", 1), violationId("52", 2), violationId("50", 3), violationId("52", 4)];
    const { body } = await sys.gql(VEHICLE, { plate: "渝A12345" });
    const violations = (body.data?.["vehicle"] as { violations: Array<{ servedBy: string } | null> }).violations;
    expect(violations).toHaveLength(4);
    expect(violations[0]).toMatchObject({ servedBy: "51" });
    expect(violations[1]).toBeNull();
    expect(violations[2]).toMatchObject({ servedBy: "50" });
    expect(violations[3]).toBeNull();
    const unavailable = body.errors!.filter((e) => e.extensions?.["code"] === "PROVINCE_UNAVAILABLE");
    expect(unavailable.map((e) => e.path)).toEqual([
      ["vehicle", "violations", 1],
      ["vehicle", "violations", 3],
    ]);
    expect(unavailable[0]!.extensions).toMatchObject({ province: "52", reason: "UPSTREAM_ERROR" });
  });

  it("reports a province with no shard as PROVINCE_UNKNOWN at its own index", async () => {
    sys.platform.violationIds = [violationId("51", 1), violationId("44", 2)];
    const { body } = await sys.gql(VEHICLE, { plate: "渝A12345" });
    const violations = (body.data?.["vehicle"] as { violations: Array<{ servedBy: string } | null> }).violations;
    expect(violations[0]).toMatchObject({ servedBy: "51" });
    expect(violations[1]).toBeNull();
    const unknown = body.errors!.filter((e) => e.extensions?.["code"] === "PROVINCE_UNKNOWN");
    expect(unknown.map((e) => e.path)).toEqual([["vehicle", "violations", 1]]);
    expect(unknown[0]!.extensions?.["province"]).toBe("44");
  });
});
