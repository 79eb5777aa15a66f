/**
 * Builds the shard directory from configuration: one client per province with its own circuit breaker,
 * all on one keep-alive fetcher, reporting to the metrics and the log. Shared by the gateway and the
 * standalone router, which must behave the same towards the shards.
 */
import type { Logger } from "pino";
import type { GatewayMetrics } from "../metrics";
import { CircuitBreaker } from "./circuit-breaker";
import type { KeepAliveFetcher } from "./keep-alive-fetcher";
import { ShardClient, type ShardTimer } from "./shard-client";

/** The shard settings of the gateway's configuration. */
export interface ShardSettings {
  shards: Record<string, string>;
  shardTimeoutMs: number;
  /** Timeout of a heavy batch mutation's shard request (route-table.ts `batch`); default `shardTimeoutMs`. */
  shardBatchTimeoutMs?: number;
  shardRetries: number;
  retryBaseMs: number;
  breakerFailures: number;
  breakerCoolDownMs: number;
  subgraphTracing: boolean;
}

export interface BuildShardsDeps {
  keepAlive: KeepAliveFetcher;
  metrics: GatewayMetrics;
  logger: Logger;
  now?: (() => number) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  timer?: ShardTimer | undefined;
}

/** One `ShardClient` per entry of the directory. */
export function buildShards(settings: ShardSettings, deps: BuildShardsDeps): Map<string, ShardClient> {
  const { metrics, logger } = deps;
  const shards = new Map<string, ShardClient>();
  for (const [code, url] of Object.entries(settings.shards)) {
    const breaker = new CircuitBreaker({
      failureThreshold: settings.breakerFailures,
      coolDownMs: settings.breakerCoolDownMs,
      ...(deps.now ? { now: deps.now } : {}),
      onChange: (state) => {
        metrics.circuitChanged(code, state);
        logger.warn({ province: code, circuit: state.kind }, "shard circuit changed");
      },
    });
    metrics.circuitChanged(code, breaker.current());
    const client = new ShardClient({
      province: code,
      url,
      keepAlive: deps.keepAlive,
      breaker,
      tracing: settings.subgraphTracing,
      timeoutMs: settings.shardTimeoutMs,
      batchTimeoutMs: Math.max(settings.shardBatchTimeoutMs ?? settings.shardTimeoutMs, settings.shardTimeoutMs),
      retries: settings.shardRetries,
      retryBaseMs: settings.retryBaseMs,
      observe: (p, outcome, seconds) => {
        metrics.shardRequests.observe({ province: p, outcome }, seconds);
        if (outcome !== "ok") logger.warn({ province: p, outcome, ms: Math.round(seconds * 1000) }, "shard request failed");
      },
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(deps.timer ? { timer: deps.timer } : {}),
    });
    shards.set(code, client);
  }
  return shards;
}
