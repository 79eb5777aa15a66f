/**
 * Prometheus metrics (prom-client), one registry per gateway instance so that several gateways in one
 * process (tests) do not collide: request latency by operation type and outcome, shard latency by
 * province and outcome, errors by code, and each shard's circuit state.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { BreakerState } from "./routing/circuit-breaker";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Period in ms of the timer behind the default metrics' event-loop lag (`nodejs_eventloop_lag_*`:
 * `perf_hooks.monitorEventLoopDelay`). prom-client's default, 10 ms, woke the gateway 100 times a second
 * whatever it was doing: 7–9 ms of CPU a second at rest, nearly all of the idle gateway's; ≈ 3 ms at 100 ms
 * (issue 12, bench/README "The gateway at rest"). At 100 ms every stall of 100 ms or more is still recorded (the
 * timer fires that much late), shorter ones only when they overlap a timer tick.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * The histogram gauges that `monitorEventLoopDelay` feeds (prom-client publishes them raw). Node records
 * the whole interval between two ticks of its timer, the sampling period included, so raw values sit at
 * `resolution` at rest (≈ 0.010 s at prom-client's 10 ms, ≈ 0.100 s at ours). We publish the delay
 * itself: the period subtracted (see eventLoopDelaySeconds). The standard deviation does not depend on
 * the shift and is left alone; `nodejs_eventloop_lag_seconds` (setImmediate at scrape time) too.
 */
const SHIFTED_LAG_GAUGES = ["min", "max", "mean", "p50", "p90", "p99"].map((s) => `nodejs_eventloop_lag_${s}_seconds`);

/**
 * A raw `monitorEventLoopDelay` statistic in seconds (interval between two timer ticks) as the delay of
 * the event loop: the sampling period subtracted, never below 0. NaN (no sample since the last scrape)
 * stays NaN, as prom-client publishes it.
 */
export function eventLoopDelaySeconds(rawSeconds: number, resolutionMs: number): number {
  return Number.isNaN(rawSeconds) ? rawSeconds : Math.max(0, rawSeconds - resolutionMs / 1000);
}

const PREFIX = "jg_gateway_";
const CIRCUIT = { closed: 0, "half-open": 1, open: 2 } as const;

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = this.latency(
    "jg_gateway_request_duration_seconds",
    "GraphQL requests by operation type and outcome (ok, partial: data with errors, error: no data)",
    ["operation_type", "outcome"] as const,
  );
  readonly shardRequests = this.latency(
    "jg_gateway_shard_request_duration_seconds",
    "Upstream requests to province shards by province and outcome (ok or the failure reason)",
    ["province", "outcome"] as const,
  );
  readonly errors = new Counter({
    name: "jg_gateway_errors_total",
    help: "GraphQL errors returned to clients, by extensions.code",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });
  readonly circuit = new Gauge({
    name: "jg_gateway_shard_circuit_state",
    help: "Circuit breaker state per province shard: 0 closed, 1 half-open, 2 open",
    labelNames: ["province"] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
    // prom-client (15.x) can neither exclude one default collector nor shift its values; its lag
    // collector sets these gauges from its own histogram at each scrape (one timer, ours would be a
    // second), so the shift goes in their `set`.
    for (const name of SHIFTED_LAG_GAUGES) {
      const gauge = this.registry.getSingleMetric(PREFIX + name);
      if (!(gauge instanceof Gauge)) continue; // no perf_hooks histogram (Bun): prom-client registers none
      const set = gauge.set.bind(gauge) as (...args: unknown[]) => void;
      gauge.set = ((...args: unknown[]) => {
        const last = args.length - 1; // set(value) or set(labels, value)
        args[last] = eventLoopDelaySeconds(args[last] as number, EVENT_LOOP_SAMPLE_MS);
        set(...args);
      }) as typeof gauge.set;
    }
  }

  /** A latency histogram (seconds, BUCKETS) in this gateway's registry. */
  private latency<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: BUCKETS, registers: [this.registry] });
  }

  /** Records a circuit state change. */
  circuitChanged(province: string, state: BreakerState): void {
    this.circuit.set({ province }, CIRCUIT[state.kind]);
  }
}
