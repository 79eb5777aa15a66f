import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSystem, violationId, type TestSystem } from "./fixtures/system";

/** A promise and what settles it. */
function deferred(): { promise: Promise<void>; settle: () => void } {
  let settle!: () => void;
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}

const QUERY = `query Q($id: ID!) { violation(id: $id) { id servedBy } }`;
const MUTATION = `mutation M($id: ID!) { handleViolation(id: $id) { id } }`;

describe("shard failures: timeouts, retries, circuit breaker (docs/design.md §3)", () => {
  let sys: TestSystem;
  let now = 0;
  // Shard timeouts are armed here and fire when a test says so (on an event), never after real time.
  const armed = new Set<() => void>();
  const shardTimer = (_ms: number, onTimeout: () => void) => {
    armed.add(onTimeout);
    return () => armed.delete(onTimeout);
  };
  beforeAll(async () => {
    sys = await startSystem({
      provinces: ["50", "51", "52", "53"],
      config: { shardTimeoutMs: 200, shardRetries: 2, breakerFailures: 3, breakerCoolDownMs: 60_000 },
      deps: { now: () => now, shardTimer },
    });
  });
  afterAll(() => sys.close());
  beforeEach(() => {
    sys.reset();
    now += 1_000_000; // every test starts with every open circuit cooled down
  });

  it("retries a query after a 500, up to the configured attempts", async () => {
    sys.shards.get("50")!.mode = { kind: "http500" };
    const { body } = await sys.gql(QUERY, { id: violationId("50", 1) });
    expect(sys.shards.get("50")!.hits).toHaveLength(3);
    expect(body.data).toEqual({ violation: null });
    expect(body.errors![0]).toMatchObject({ path: ["violation"], extensions: { code: "PROVINCE_UNAVAILABLE", province: "50" } });
  });

  it("never retries a mutation after a 500", async () => {
    sys.shards.get("51")!.mode = { kind: "http500" };
    const { body } = await sys.gql(MUTATION, { id: violationId("51", 1) });
    expect(sys.shards.get("51")!.hits).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ["handleViolation"], extensions: { code: "PROVINCE_UNAVAILABLE" } });
  });

  it("never retries a mutation after a timeout, and reports the timeout", async () => {
    const shard = sys.shards.get("52")!;
    const held = deferred();
    shard.mode = { kind: "held", until: held.promise };
    // The attempt times out while the shard holds the request: its timer fires once the shard has it.
    shard.onHit = () => [...armed].forEach((fire) => fire());
    const { body } = await sys.gql(MUTATION, { id: violationId("52", 1) }).finally(() => {
      shard.onHit = undefined;
      held.settle();
    });
    expect(shard.hits).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: "PROVINCE_UNAVAILABLE", reason: "TIMEOUT" });
  });

  it("a query that fails once and then succeeds is answered", async () => {
    const shard = sys.shards.get("53")!; // a shard of its own: its circuit has seen no failure yet
    shard.mode = { kind: "http500", times: 1 };
    const { body } = await sys.gql(QUERY, { id: violationId("53", 2) });
    expect(body.data).toEqual({ violation: { id: violationId("53", 2), servedBy: "53" } });
    expect(shard.hits).toHaveLength(2);
  });

  it("opens the circuit after N consecutive failures, then half-opens after the cool-down and closes on success", async () => {
    const shard = sys.shards.get("51")!;
    await sys.gql(QUERY, { id: violationId("51", 9) }); // a success resets the count of consecutive failures
    shard.hits.length = 0;
    shard.mode = { kind: "http500" };
    await sys.gql(MUTATION, { id: violationId("51", 1) });
    await sys.gql(MUTATION, { id: violationId("51", 2) });
    await sys.gql(MUTATION, { id: violationId("51", 3) });
    expect(shard.hits).toHaveLength(3);
    expect(sys.gateway.shards.get("51")!.breakerState().kind).toBe("open");

    shard.mode = { kind: "ok" };
    const refused = await sys.gql(QUERY, { id: violationId("51", 4) });
    expect(shard.hits).toHaveLength(3); // not even sent
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: "PROVINCE_UNAVAILABLE", reason: "CIRCUIT_OPEN" });

    now += 60_000;
    expect(sys.gateway.shards.get("51")!.breakerState().kind).toBe("half-open");
    const probe = await sys.gql(QUERY, { id: violationId("51", 5) });
    expect(probe.body.data).toEqual({ violation: { id: violationId("51", 5), servedBy: "51" } });
    expect(sys.gateway.shards.get("51")!.breakerState().kind).toBe("closed");
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight before closing", async () => {
    const sys = await startSystem({ provinces: ["50"] });
    const shard = sys.shards.get("50")!;
    const held = deferred();
    const arrived = deferred();
    shard.mode = { kind: "held", until: held.promise };
    shard.onHit = arrived.settle;
    const inFlight = sys.gql(`query Q($id: ID!) { violation(id: $id) { servedBy } }`, { id: violationId("50", 1) });
    await arrived.promise;
    const closing = sys.close();
    held.settle(); // the shard answers only once the gateway is closing
    const { body } = await inFlight;
    await closing;
    expect(body.data).toEqual({ violation: { servedBy: "50" } });
    await expect(fetch(`${sys.gateway.url}/healthz`)).rejects.toThrow();
  });
});
