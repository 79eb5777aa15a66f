import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EVENT_LOOP_SAMPLE_MS, GatewayMetrics, eventLoopDelaySeconds } from "./metrics";

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

  it("publish the event-loop delay, not the sampling interval Node's histogram records (review 1, F1)", async () => {
    // Node records the interval between two timer ticks: at rest ≈ the period. A fake histogram at rest
    // (ticks 100.2–101 ms apart) and after one 60 ms stall (160 ms), in nanoseconds like Node's.
    const ms = 1e6;
    const histogram = {
      min: 100.2 * ms, max: 160 * ms, mean: 101 * ms, stddev: 3 * ms,
      percentile: (p: number) => (p === 50 ? 100.5 : p === 90 ? 100.8 : 160) * ms,
      enable: () => true, disable: () => true, reset: () => undefined,
    };
    vi.spyOn(perfHooks, "monitorEventLoopDelay").mockReturnValue(histogram as unknown as ReturnType<typeof perfHooks.monitorEventLoopDelay>);
    const text = await new GatewayMetrics().registry.metrics();
    const value = (name: string) => Number(new RegExp(`^jg_gateway_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, "m").exec(text)?.[1]);
    const delays = { min: 0.0002, max: 0.06, mean: 0.001, p50: 0.0005, p90: 0.0008, p99: 0.06 };
    for (const [name, seconds] of Object.entries(delays)) expect(value(name), name).toBeCloseTo(seconds, 6);
    expect(value("stddev")).toBeCloseTo(0.003, 6); // a spread: the shift does not change it
  });

  it("map a raw histogram statistic to the delay: the period subtracted, never negative, NaN kept", () => {
    expect(eventLoopDelaySeconds(0.1003, 100)).toBeCloseTo(0.0003, 9);
    expect(eventLoopDelaySeconds(0.0101, 10)).toBeCloseTo(0.0001, 9);
    expect(eventLoopDelaySeconds(0.0995, 100)).toBe(0); // a tick a little early
    expect(eventLoopDelaySeconds(0, 100)).toBe(0); // max of an empty histogram
    expect(eventLoopDelaySeconds(Number.NaN, 100)).toBeNaN(); // mean of an empty histogram
  });
});
