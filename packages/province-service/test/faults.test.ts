/**
 * The development-only fault injection of a shard (issue #6): `/internal/faults` slows every GraphQL
 * request and loses handoff messages in transit; it needs a service token for this shard, and a shard
 * on the system clock without the `faults` option (production) does not have it at all.
 */
import { signServiceToken } from "@jg/identity";
import { systemClock } from "@jg/service-kit";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvinceShard, type ProvinceShard } from "../src/shard";
import { gql, recordViolation } from "./flow";
import { camera51, cameraRecord, startTestShard, type TestShard } from "./harness";
import { shardKeys, SIMULATOR } from "./keys";

async function faults(url: string, audience: string, now: Date, body?: unknown): Promise<Response> {
  const token = await signServiceToken(audience, SIMULATOR, now);
  return fetch(`${url}/internal/faults`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("POST /internal/faults on a shard with a virtual clock (simulations)", () => {
  let t: TestShard;
  beforeAll(async () => {
    t = await startTestShard();
  });
  afterAll(async () => {
    await t.close();
  });

  it("is refused without a token, with a token for another shard, and with a bad body", async () => {
    expect((await fetch(`${t.url}/internal/faults`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await fetch(`${t.url}/internal/faults`)).status).toBe(401);
    expect((await faults(t.url, "province-52", t.clock.now(), { latencyMs: 5 })).status).toBe(401);
    expect((await faults(t.url, "province-51", t.clock.now(), { latencyMs: -1 })).status).toBe(400);
    expect((await faults(t.url, "province-51", t.clock.now(), { slow: true })).status).toBe(400);
    expect(await (await faults(t.url, "province-51", t.clock.now())).json()).toEqual({ latencyMs: 0, dropHandoff: 0, dropAcks: 0, lost: { requests: 0, acks: 0 } });
  });

  it("latencyMs delays every GraphQL answer by that much real time, and 0 lifts it", async () => {
    const query = "{ __typename }";
    // 1.5 s: far above what `{ __typename }` takes on a loaded CI machine, so the lifted case cannot
    // pass or fail by the machine's speed.
    expect((await faults(t.url, "province-51", t.clock.now(), { latencyMs: 1500 })).status).toBe(200);
    let t0 = performance.now();
    expect((await gql<{ __typename: string }>(t, null, query)).data?.__typename).toBe("Query");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1490);
    await faults(t.url, "province-51", t.clock.now(), { latencyMs: 0 });
    t0 = performance.now();
    await gql(t, null, query);
    expect(performance.now() - t0).toBeLessThan(1490);
  });

  it("R-SYNC-1: a message lost on the way and one whose acknowledgement is lost are retried; home processes each once", async () => {
    const before = t.home.messages.length;
    await faults(t.url, "province-51", t.clock.now(), { dropHandoff: 1, dropAcks: 1 });
    const v = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "渝A66601" }))).data!.recordViolation.violation;
    expect(await t.shard.relay.drainOnce()).toEqual({ delivered: 0, failed: 1 }); // lost on the way
    expect(t.home.messages.length).toBe(before);
    t.clock.advance(60_000); // past the backoff
    expect(await t.shard.relay.drainOnce()).toEqual({ delivered: 0, failed: 1 }); // processed, answer lost
    expect(t.home.messages.length).toBe(before + 1);
    t.clock.advance(60_000);
    expect(await t.shard.relay.drainOnce()).toEqual({ delivered: 1, failed: 0 }); // duplicate, acknowledged
    expect(t.home.messages.filter((m) => m.type === "violation.recorded" && (m.payload as { violationId: string }).violationId === v.id)).toHaveLength(1);
    expect(await t.shard.relay.pending()).toBe(0);
    expect(await (await faults(t.url, "province-51", t.clock.now())).json()).toMatchObject({ dropHandoff: 0, dropAcks: 0, lost: { requests: 1, acks: 1 } });
  });
});

describe("a shard on the system clock (production)", () => {
  let shard: ProvinceShard;
  const config = {
    provinceCode: "51",
    homePlatformUrl: "http://127.0.0.1:9",
    keys: shardKeys("51"),
    sweepIntervalMs: 0,
    relayIntervalMs: 0,
    logLevel: "silent" as const,
  };
  afterAll(async () => {
    await shard?.close();
  });

  it("has no /internal/faults, even with a valid service token", async () => {
    shard = await createProvinceShard(config, { clock: systemClock, logger: pino({ level: "silent" }) });
    expect((await faults(shard.url, "province-51", new Date(), { latencyMs: 5000 })).status).toBe(404);
    expect((await faults(shard.url, "province-51", new Date())).status).toBe(404);
    expect((await fetch(`${shard.url}/healthz`)).status).toBe(200);
  });

  it("mounts it when the `faults` option is on (development on the system clock)", async () => {
    await shard.close();
    shard = await createProvinceShard({ ...config, faults: true }, { clock: systemClock, logger: pino({ level: "silent" }) });
    expect((await faults(shard.url, "province-51", new Date(), { dropAcks: 2 })).status).toBe(200);
  });
});
