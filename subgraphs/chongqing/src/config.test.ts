import { describe, expect, it } from "vitest";
import { configFromEnv, DEVELOPMENT_SECRETS, parseConfig } from "./config";

describe("platform config", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 4001, host: "127.0.0.1", production: false, logLevel: "info" });
    expect(config.shard50).toEqual({ enabled: true, port: 4050, deliveryDelayMs: 0, faults: false });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("reads the environment, empty variables counting as unset", () => {
    const config = configFromEnv({ PORT: "0", DATABASE_URL: "", SHARD50_ENABLED: "false", SHARD50_PORT: "0", LOG_LEVEL: "silent" });
    expect(config).toMatchObject({ port: 0, logLevel: "silent", shard50: { enabled: false, port: 0 } });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("reads the clock and the citizen services' limits from the environment, defaults elsewhere", () => {
    const config = configFromEnv({ CLOCK_MODE: "virtual", CLOCK_START: "2026-01-01T00:00:00Z", SMS_MAX_ATTEMPTS: "3", MAX_LEASE_DAYS: "30" });
    expect(config.clock).toMatchObject({ mode: "virtual", start: "2026-01-01T00:00:00Z" });
    expect(config.citizen.sms).toMatchObject({ maxAttempts: 3, codeTtlSeconds: 300 });
    expect(config.citizen.maxLeaseDays).toBe(30);
    expect(() => configFromEnv({ SMS_MAX_ATTEMPTS: "0" })).toThrow();
  });

  it("refuses the development secrets in production mode, and short secrets anywhere", () => {
    expect(() => configFromEnv({ NODE_ENV: "production" })).toThrow(/serviceSecret must be set in production/);
    const real = { serviceSecret: "s".repeat(32), identitySecret: "i".repeat(32), accessTokenSecret: "a".repeat(32) };
    expect(parseConfig({ production: true, ...real }).production).toBe(true);
    expect(() => parseConfig({ serviceSecret: "short" })).toThrow(/at least 32/);
    expect(parseConfig({}).serviceSecret).toBe(DEVELOPMENT_SECRETS.serviceSecret);
  });

  it("turns shard 50's development fault injection on with SHARD50_FAULTS, and refuses it in production", () => {
    expect(configFromEnv({}).shard50.faults).toBe(false);
    expect(configFromEnv({ SHARD50_FAULTS: "1" }).shard50.faults).toBe(true);
    const real = { serviceSecret: "s".repeat(32), identitySecret: "i".repeat(32), accessTokenSecret: "a".repeat(32) };
    expect(() => parseConfig({ production: true, ...real, shard50: { faults: true } })).toThrow(/fault injection is refused in production/);
  });
});
