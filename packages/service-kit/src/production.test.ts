import { describe, expect, it } from "vitest";
import { isProductionEnv } from "./production";

describe("isProductionEnv (one reading of production mode for every service)", () => {
  it("follows JG_PRODUCTION when set, else NODE_ENV=production", () => {
    expect(isProductionEnv({})).toBe(false);
    expect(isProductionEnv({ NODE_ENV: "production" })).toBe(true);
    expect(isProductionEnv({ NODE_ENV: "development" })).toBe(false);
    for (const on of ["1", "true", "YES"]) expect(isProductionEnv({ JG_PRODUCTION: on })).toBe(true);
    for (const off of ["0", "false", "no"]) expect(isProductionEnv({ JG_PRODUCTION: off, NODE_ENV: "production" })).toBe(false);
    expect(isProductionEnv({ JG_PRODUCTION: "", NODE_ENV: "production" })).toBe(true);
    expect(isProductionEnv({ JG_PRODUCTION: "on" })).toBe(true);
  });

  it("stops on a JG_PRODUCTION that is neither true nor false by the one boolean rule, instead of running as development", () => {
    expect(() => isProductionEnv({ JG_PRODUCTION: "maybe", NODE_ENV: "production" })).toThrow(/JG_PRODUCTION/);
  });
});
