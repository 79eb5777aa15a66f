import { describe, expect, it } from "vitest";
import { serviceEnv, serviceNodeArgs } from "./node-options";

describe("node options per kind of process (issue 12)", () => {
  it("gives the gateway, a province on PostgreSQL and a PGlite process their own defaults", () => {
    expect(serviceNodeArgs("gateway", {})).toEqual(["--max-semi-space-size=4", "--expose-gc"]);
    expect(serviceNodeArgs("province-postgres", {})).toEqual(["--max-semi-space-size=2"]);
    expect(serviceNodeArgs("pglite", {})).toEqual(["--max-semi-space-size=8"]);
    expect(serviceNodeArgs("pglite", { JG_NODE_ARGS_PGLITE: "none" })).toEqual([]);
  });

  it("lets JG_NODE_ARGS_<KIND> replace a kind's defaults, or clear them with none", () => {
    expect(serviceNodeArgs("gateway", { JG_NODE_ARGS_GATEWAY: " --max-semi-space-size=4  --liftoff-only " })).toEqual(["--max-semi-space-size=4", "--liftoff-only"]);
    expect(serviceNodeArgs("province-postgres", { JG_NODE_ARGS_PROVINCE_POSTGRES: "none" })).toEqual([]);
    expect(serviceNodeArgs("gateway", { JG_NODE_ARGS_GATEWAY: "", JG_NODE_ARGS_PROVINCE_POSTGRES: "none" })).toEqual(["--max-semi-space-size=4", "--expose-gc"]);
  });

  it("gives the gateway glibc's malloc thresholds fixed, under the launcher's own environment; JG_SERVICE_ENV_<KIND>=none drops them", () => {
    const gateway = { MALLOC_MMAP_THRESHOLD_: "1048576", MALLOC_TRIM_THRESHOLD_: "1048576" };
    expect(serviceEnv("gateway", {})).toEqual(gateway);
    expect(serviceEnv("pglite", {})).toEqual({});
    expect(serviceEnv("province-postgres", {})).toEqual({});
    // The launcher's environment reaches every child: a value set there is left to apply.
    expect(serviceEnv("gateway", { MALLOC_MMAP_THRESHOLD_: "65536" })).toEqual({ MALLOC_TRIM_THRESHOLD_: "1048576" });
    expect(serviceEnv("gateway", { JG_SERVICE_ENV_GATEWAY: " none " })).toEqual({});
    expect(serviceEnv("gateway", { JG_SERVICE_ENV_PGLITE: "none" })).toEqual(gateway);
  });
});
