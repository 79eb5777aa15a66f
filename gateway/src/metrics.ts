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
 * whatever it was doing: ≈ 7 ms of CPU a second at rest, nearly all of the idle gateway's (issue 12).
 * At 100 ms every stall of 100 ms or more is still recorded (the timer fires that much late), shorter
 * ones in proportion to their length; the metrics are the same.
 */
export const EVENT_LOOP_SAMPLE_MS = 100;
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
    collectDefaultMetrics({ register: this.registry, prefix: "jg_gateway_", eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
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
