import { describe, expect, it } from "vitest";
import { configFromEnv, DEVELOPMENT_CODE_SECRET, parseConfig } from "./config";
import { PLATFORM_KEYS, SHARD50_KEYS, TEST_KEYS } from "../test/keys";

describe("platform config", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 4001, host: "127.0.0.1", production: false, logLevel: "info" });
    expect(config.shard50).toMatchObject({ enabled: true, port: 4050, deliveryDelayMs: 0, faults: false });
    expect(config.shard50.keys.signer.service).toBe("province-50");
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

  it("refuses to start in production mode without configured keys or with the development code secret, and short secrets anywhere", () => {
    expect(() => configFromEnv({ NODE_ENV: "production" })).toThrow(/keys \(SIGNING_KEY, KEY_DIRECTORY\) must be configured in production/);
    expect(() => configFromEnv({ NODE_ENV: "production" })).toThrow(/codeSecret must be set in production/);
    const real = { codeSecret: "c".repeat(32), keys: PLATFORM_KEYS, shard50: { keys: SHARD50_KEYS } };
    expect(parseConfig({ production: true, ...real }).production).toBe(true);
    expect(() => parseConfig({ production: true, ...real, shard50: {} })).toThrow(/SHARD50_SIGNING_KEY/);
    expect(() => parseConfig({ codeSecret: "short" })).toThrow(/at least 32/);
    expect(parseConfig({}).codeSecret).toBe(DEVELOPMENT_CODE_SECRET);
  });

  it("reads the platform's and shard 50's keys from SIGNING_KEY, SHARD50_SIGNING_KEY and KEY_DIRECTORY", () => {
    const env = {
      SIGNING_KEY: TEST_KEYS.privateKeys["home-platform"],
      SHARD50_SIGNING_KEY: TEST_KEYS.privateKeys["province-50"],
      KEY_DIRECTORY: JSON.stringify(TEST_KEYS.directory),
    };
    const config = configFromEnv(env);
    expect(config.keys.signer.service).toBe("home-platform");
    expect(config.shard50.keys.signer.service).toBe("province-50");
    // One directory object for both (issue 11): what one verified, the other need not verify again.
    expect(config.shard50.keys.directory).toBe(config.keys.directory);
    // Shard 50's key given as the platform's: refused at start, not at the first call.
    expect(() => configFromEnv({ ...env, SIGNING_KEY: env.SHARD50_SIGNING_KEY })).toThrow(/not an active key/);
  });

  it("turns shard 50's development fault injection on with SHARD50_FAULTS, and refuses it in production", () => {
    expect(configFromEnv({}).shard50.faults).toBe(false);
    expect(configFromEnv({ SHARD50_FAULTS: "1" }).shard50.faults).toBe(true);
    const real = { codeSecret: "c".repeat(32), keys: PLATFORM_KEYS };
    expect(() => parseConfig({ production: true, ...real, shard50: { faults: true, keys: SHARD50_KEYS } })).toThrow(/fault injection is refused in production/);
  });
});
