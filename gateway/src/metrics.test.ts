import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EVENT_LOOP_SAMPLE_MS, GatewayMetrics } from "./metrics";

// prom-client reads `perf_hooks` through require: spy on the very object it calls.
const perfHooks = createRequire(import.meta.url)("node:perf_hooks") as typeof import("node:perf_hooks");

describe("the gateway's default metrics", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sample the event-loop delay every EVENT_LOOP_SAMPLE_MS ms, not prom-client's 10 ms (100 wake-ups a second at rest, issue 12)", () => {
    const monitor = vi.spyOn(perfHooks, "monitorEventLoopDelay");
    new GatewayMetrics();
    expect(monitor).toHaveBeenCalledTimes(1);
    expect(monitor.mock.calls[0]?.[0]?.resolution).toBe(EVENT_LOOP_SAMPLE_MS);
    expect(EVENT_LOOP_SAMPLE_MS).toBeGreaterThanOrEqual(100);
  });

  it("still publish the event-loop lag gauges", async () => {
    const text = await new GatewayMetrics().registry.metrics();
    for (const name of ["lag_seconds", "lag_min_seconds", "lag_max_seconds", "lag_mean_seconds", "lag_p50_seconds", "lag_p90_seconds", "lag_p99_seconds"]) {
      expect(text).toContain(`jg_gateway_nodejs_eventloop_${name} `);
    }
  });
});
