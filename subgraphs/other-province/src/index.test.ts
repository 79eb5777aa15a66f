import { generateKeySet } from "@jg/identity";
import { afterAll, describe, expect, it } from "vitest";
import { configFromEnv } from "./config";
import { startFromEnv } from "./index";

const keys = generateKeySet([
  { service: "province-44", roles: ["province"], province: "44" },
  { service: "province-45", roles: ["province"], province: "45" },
]);
const env = {
  PROVINCE_CODE: "44",
  HOME_PLATFORM_URL: "http://127.0.0.1:9",
  SIGNING_KEY: keys.privateKeys["province-44"]!,
  KEY_DIRECTORY: JSON.stringify(keys.directory),
  SWEEP_INTERVAL_MS: "0",
  RELAY_INTERVAL_MS: "0",
  LOG_LEVEL: "silent",
};

describe("configFromEnv", () => {
  it("maps the variables and applies the schema's defaults", () => {
    const config = configFromEnv({ ...env, PLATFORM_OPEN: "false", DELIVERY_DELAY_MS: "1500", MAINTENANCE_WINDOW: "02:00-04:00" });
    expect(config).toMatchObject({ provinceCode: "44", port: 0, host: "127.0.0.1", platformOpen: false, deliveryDelayMs: 1500 });
    expect(config.maintenanceWindow).toEqual({ from: "02:00", to: "04:00" });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("refuses an unknown province code, missing keys, another province's key, and a malformed boolean", () => {
    expect(() => configFromEnv({ ...env, PROVINCE_CODE: "99" })).toThrow(/province/);
    expect(() => configFromEnv({ ...env, SIGNING_KEY: "" })).toThrow(/SIGNING_KEY is required/);
    expect(() => configFromEnv({ ...env, KEY_DIRECTORY: "" })).toThrow(/KEY_DIRECTORY is required/);
    expect(() => configFromEnv({ ...env, SIGNING_KEY: keys.privateKeys["province-45"]! })).toThrow(/not an active key/);
    expect(configFromEnv({ ...env, PLATFORM_OPEN: "no" }).platformOpen).toBe(false);
    expect(() => configFromEnv({ ...env, PLATFORM_OPEN: "closed" })).toThrow(/PLATFORM_OPEN/);
    expect(() => configFromEnv({ ...env, MAINTENANCE_WINDOW: "10pm-1am" })).toThrow(/MAINTENANCE_WINDOW/);
    expect(() => configFromEnv({ ...env, MAINTENANCE_WINDOW: "25:00-01:00" })).toThrow(/HH:MM/);
  });

  it("turns development fault injection on with FAULTS, and refuses it in production mode", () => {
    expect(configFromEnv(env).faults).toBe(false);
    expect(configFromEnv({ ...env, FAULTS: "true" }).faults).toBe(true);
    // The one boolean rule of every configuration: FAULTS=1 was a startup error here while Chongqing took it.
    expect(configFromEnv({ ...env, FAULTS: "1" }).faults).toBe(true);
    expect(() => configFromEnv({ ...env, FAULTS: "enabled" })).toThrow(/FAULTS/);
    expect(() => configFromEnv({ ...env, FAULTS: "true", NODE_ENV: "production" })).toThrow(/refused in production/);
    expect(() => configFromEnv({ ...env, FAULTS: "true", JG_PRODUCTION: "1" })).toThrow(/refused in production/);
    expect(configFromEnv({ ...env, NODE_ENV: "production" }).faults).toBe(false);
  });
});

describe("startFromEnv", () => {
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it("starts a shard for any province code on PGlite and answers health and readiness", async () => {
    const shard = await startFromEnv(env);
    close = () => shard.close();
    expect(shard.provinceCode).toBe("44");
    expect((await fetch(`${shard.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${shard.url}/readyz`)).json()).toEqual({ ok: true });
  });
});
