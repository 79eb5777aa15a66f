import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "../test/fixtures/keys";
import { ideOn, introspectionOn, loadConfig, parseShards } from "./config";

const KEYS = { SIGNING_KEY: TEST_KEYS.privateKeys["gateway"]!, KEY_DIRECTORY: JSON.stringify(TEST_KEYS.directory) };

describe("gateway configuration", () => {
  it("reads the shard directory from SHARDS", () => {
    expect(parseShards("50=http://127.0.0.1:4050/graphql, 51=http://127.0.0.1:4051/graphql")).toEqual({
      "50": "http://127.0.0.1:4050/graphql",
      "51": "http://127.0.0.1:4051/graphql",
    });
    expect(() => parseShards("50http://x")).toThrow(/code=url/);
  });

  it("applies the documented defaults and refuses missing or mismatched keys and bad province codes", () => {
    const env = { PLATFORM_URL: "http://127.0.0.1:4000/graphql", SHARDS: "50=http://127.0.0.1:4050/graphql", ...KEYS };
    const config = loadConfig(env);
    expect(config).toMatchObject({ port: 4000, shardRetries: 2, limits: { maxDepth: 12, maxAliases: 30, maxCost: 5000 } });
    expect(config.keys.signer.service).toBe("gateway");
    expect(() => loadConfig({ ...env, SIGNING_KEY: "" })).toThrow(/SIGNING_KEY is required/);
    expect(() => loadConfig({ ...env, SERVICE_NAME: "fronting-router" })).toThrow(/not an active key/);
    expect(() => loadConfig({ ...env, SHARDS: "5=http://127.0.0.1:1/graphql" })).toThrow();
    expect(loadConfig({ ...env, INTROSPECTION: "true", MAX_DEPTH: "7" })).toMatchObject({ introspection: true, limits: { maxDepth: 7 } });
  });

  it("development mode: introspection and the IDE on by default, with preset headers; production: both off unless set, presets refused", () => {
    const env = { PLATFORM_URL: "http://127.0.0.1:4000/graphql", SHARDS: "50=http://127.0.0.1:4050/graphql", ...KEYS };
    const presets = JSON.stringify({ citizen: { authorization: "Bearer t" } });
    const dev = loadConfig({ ...env, IDE_PRESET_HEADERS: presets });
    expect([introspectionOn(dev), ideOn(dev), dev.idePresetHeaders]).toEqual([true, true, { citizen: { authorization: "Bearer t" } }]);
    const prod = loadConfig({ ...env, NODE_ENV: "production" });
    expect([introspectionOn(prod), ideOn(prod)]).toEqual([false, false]);
    const enabled = loadConfig({ ...env, JG_PRODUCTION: "1", IDE: "true" });
    expect([introspectionOn(enabled), ideOn(enabled)]).toEqual([false, true]);
    expect(introspectionOn(loadConfig({ ...env, INTROSPECTION: "false" }))).toBe(false);
    // INTROSPECTION=1 was silently false here; the one boolean rule reads it as true, and refuses nonsense.
    expect(introspectionOn(loadConfig({ ...env, JG_PRODUCTION: "1", INTROSPECTION: "1" }))).toBe(true);
    expect(() => loadConfig({ ...env, INTROSPECTION: "sometimes" })).toThrow(/INTROSPECTION must be one of/);
    expect(() => loadConfig({ ...env, NODE_ENV: "production", IDE_PRESET_HEADERS: presets })).toThrow(/development only/);
  });

  it("reads the retry, circuit-breaker, platform timeout and body limit settings, and refuses bad ones", () => {
    const env = { PLATFORM_URL: "http://127.0.0.1:4000/graphql", SHARDS: "50=http://127.0.0.1:4050/graphql", ...KEYS };
    expect(loadConfig(env)).toMatchObject({ retryBaseMs: 50, breakerFailures: 5, breakerCoolDownMs: 10_000, platformTimeoutMs: 5000, maxBodyBytes: 1024 * 1024 });
    const set = { RETRY_BASE_MS: "20", BREAKER_FAILURES: "3", BREAKER_COOLDOWN_MS: "2500", PLATFORM_TIMEOUT_MS: "8000", MAX_BODY_BYTES: "65536" };
    expect(loadConfig({ ...env, ...set })).toMatchObject({ retryBaseMs: 20, breakerFailures: 3, breakerCoolDownMs: 2500, platformTimeoutMs: 8000, maxBodyBytes: 65536 });
    expect(() => loadConfig({ ...env, BREAKER_COOLDOWN_MS: "soon" })).toThrow(/BREAKER_COOLDOWN_MS must be an integer/);
    expect(() => loadConfig({ ...env, BREAKER_FAILURES: "0" })).toThrow(/breakerFailures/);
  });
});
