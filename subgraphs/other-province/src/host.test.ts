import { generateKeySet } from "@jg/identity";
import { afterAll, describe, expect, it } from "vitest";
import { hostedShardEnvs, startShardHost } from "./host";

// Each hosted shard signs with its own key (issue 10 §5); the host passes each record's SIGNING_KEY on.
const keys = generateKeySet([
  { service: "province-44", roles: ["province"], province: "44" },
  { service: "province-61", roles: ["province"], province: "61" },
]);
const shared = {
  HOME_PLATFORM_URL: "http://127.0.0.1:9",
  KEY_DIRECTORY: JSON.stringify(keys.directory),
  SWEEP_INTERVAL_MS: "0",
  RELAY_INTERVAL_MS: "0",
  LOG_LEVEL: "silent",
};

describe("hostedShardEnvs (issue 12)", () => {
  it("reads one environment record per shard and refuses a missing or repeated province", () => {
    expect(hostedShardEnvs(JSON.stringify([{ PROVINCE_CODE: "51", PORT: 0 }]))).toEqual([{ PROVINCE_CODE: "51", PORT: "0" }]);
    expect(() => hostedShardEnvs(undefined)).toThrow(/HOSTED_SHARDS is required/);
    expect(() => hostedShardEnvs("[]")).toThrow(/non-empty/);
    expect(() => hostedShardEnvs(JSON.stringify([{ PORT: "1" }]))).toThrow(/no PROVINCE_CODE/);
    expect(() => hostedShardEnvs(JSON.stringify([{ PROVINCE_CODE: "51" }, { PROVINCE_CODE: "51" }]))).toThrow(/twice/);
  });
});

describe("a shard host in this process", () => {
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it("serves each province at its own URL with its own database; stopping one leaves the other answering", async () => {
    const running = await startShardHost({ ...shared, HOSTED_SHARDS: JSON.stringify([
        { PROVINCE_CODE: "44", SIGNING_KEY: keys.privateKeys["province-44"] },
        { PROVINCE_CODE: "61", SIGNING_KEY: keys.privateKeys["province-61"] },
      ]) });
    close = running.close;
    expect(await (await fetch(`${running.url}/healthz`)).json()).toMatchObject({ ok: true, shards: { "44": "running", "61": "running" } });
    const s44 = await running.host.start("44");
    const s61 = await running.host.start("61");
    expect(s44.url).not.toBe(s61.url);
    expect(s44.database).not.toBe(s61.database);
    expect(await running.host.control({ id: 1, op: "stop", code: "44" })).toEqual({ id: 1, ok: true });
    await expect(fetch(`${s44.url}/healthz`)).rejects.toThrow();
    expect((await fetch(`${s61.url}/readyz`)).status).toBe(200);
    expect(await running.host.control({ id: 2, op: "start", code: "99" })).toMatchObject({ id: 2, ok: false, error: expect.stringMatching(/not hosted/) });
    // Each shard bound a free port (PORT absent); started again, 44 binds the port it had (its URL is the gateway's).
    expect(running.host.ports()).toEqual({ "61": s61.port });
    expect(await running.host.control({ id: 3, op: "start", code: "44" })).toEqual({ id: 3, ok: true });
    expect(running.host.ports()).toEqual({ "44": s44.port, "61": s61.port });
    expect((await fetch(`${s44.url}/readyz`)).status).toBe(200);
  }, 60_000);
});
