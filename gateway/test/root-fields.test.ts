import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSystem, violationId, type TestSystem } from "./fixtures/system";

describe("root fields routed by their declared argument (docs/design.md §3)", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem({ provinces: ["50", "51", "52"] });
  });
  afterAll(() => sys.close());
  beforeEach(() => sys.reset());

  it("routes Query.violation by its id variable to the occurrence province", async () => {
    const id = violationId("51", 7);
    const { body } = await sys.gql(`query Q($id: ID!) { violation(id: $id) { id servedBy } }`, { id });
    expect(body).toEqual({ data: { violation: { id, servedBy: "51" } } });
    expect(sys.shards.get("51")!.hits).toHaveLength(1);
    expect(sys.shards.get("50")!.hits).toHaveLength(0);
  });

  it("routes by a literal argument inside the operation", async () => {
    const id = violationId("52", 8);
    const { body } = await sys.gql(`{ violation(id: "${id}") { servedBy } p: province(code: "50") { servedBy } }`);
    expect(body).toEqual({ data: { violation: { servedBy: "52" }, p: { servedBy: "50" } } });
  });

  it("splits several province root fields of one query into one request per province", async () => {
    const { body } = await sys.gql(
      `query Q($a: ID!, $b: ID!, $c: ID!) { a: violation(id: $a) { servedBy } b: violation(id: $b) { servedBy } c: violation(id: $c) { servedBy } }`,
      { a: violationId("51", 1), b: violationId("52", 2), c: violationId("51", 3) },
    );
    expect(body.data).toEqual({ a: { servedBy: "51" }, b: { servedBy: "52" }, c: { servedBy: "51" } });
    expect(sys.shards.get("51")!.hits).toHaveLength(1);
    expect(sys.shards.get("52")!.hits).toHaveLength(1);
    // Each shard got only its own fields and variables (unused ones would make the operation invalid).
    expect(Object.keys(sys.shards.get("52")!.hits[0]!.variables)).toEqual(["b"]);
  });

  it("routes Mutation.recordViolation by input.province, from a variable or a literal", async () => {
    const byVariable = await sys.gql(`mutation M($input: RecordInput!) { recordViolation(input: $input) { servedBy } }`, {
      input: { province: "52", plate: "贵A00001" },
    });
    expect(byVariable.body.data).toEqual({ recordViolation: { servedBy: "52" } });
    const byLiteral = await sys.gql(`mutation { recordViolation(input: { province: "51", plate: "川A00001" }) { servedBy } }`);
    expect(byLiteral.body.data).toEqual({ recordViolation: { servedBy: "51" } });
  });

  it("answers PROVINCE_UNKNOWN for a province with no shard, and a bad ID as the client's input error", async () => {
    const unknown = await sys.gql(`query Q($id: ID!) { violation(id: $id) { id } }`, { id: violationId("44", 1) });
    expect(unknown.body.data).toEqual({ violation: null });
    expect(unknown.body.errors![0]).toMatchObject({ path: ["violation"], extensions: { code: "PROVINCE_UNKNOWN", province: "44" } });
    const malformed = await sys.gql(`{ violation(id: "12") { id } }`);
    expect(malformed.body.errors![0]!.extensions?.["code"]).toBe("INVALID_VIOLATION_ID");
  });

  it("refuses a mutation whose province fields name two provinces, sending nothing (never split)", async () => {
    const { body } = await sys.gql(
      `mutation { a: handleViolation(id: "${violationId("51", 1)}") { id } b: handleViolation(id: "${violationId("52", 2)}") { id } }`,
    );
    expect(body.data).toEqual({ a: null, b: null });
    expect(body.errors![0]!.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(sys.shards.get("51")!.hits).toHaveLength(0);
    expect(sys.shards.get("52")!.hits).toHaveLength(0);
  });

  it("issue #10 §6: a fault's parameters never replace its catalogue code (province(code: \"99\"))", async () => {
    const { body } = await sys.gql(`{ province(code: "99") { servedBy } }`);
    const code = body.errors![0]!.extensions?.["code"];
    expect(code).not.toBe("99");
    expect(["INVALID_PROVINCE_CODE", "PROVINCE_UNKNOWN"]).toContain(code);
    expect(body.errors![0]!.message).toContain("99");
  });

  it("issue #10 §6: a 10 000-character ID is echoed at most once, cut to 64 characters", async () => {
    const id = "7".repeat(10_000);
    const { body } = await sys.gql(`query Q($id: ID!) { violation(id: $id) { id } }`, { id });
    const text = JSON.stringify(body);
    expect(body.errors![0]!.extensions?.["code"]).toBe("INVALID_VIOLATION_ID");
    expect(text.length).toBeLessThan(2_000);
    expect(text).not.toContain("7".repeat(65));
    expect(body.errors![0]!.message).toContain(`${"7".repeat(64)}…`);
  });
});
