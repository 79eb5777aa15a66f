/**
 * The operations endpoints both the gateway (`server.ts`) and the standalone province router
 * (`standalone.ts`) serve: `/healthz` (the process runs; names its pid, which the launcher checks),
 * `/readyz` (every shard reachable and schema-consistent, rechecked on each call) and `/metrics`
 * (Prometheus text with its content type).
 */
import type { Route } from "@jg/service-kit";
import type { GatewayMetrics } from "./metrics";
import type { ShardHealth } from "./routing/shard-health";

export function operationsRoutes(recheck: () => Promise<ShardHealth[]>, metrics: GatewayMetrics): Route[] {
  return [
    { method: "GET", path: "/healthz", handler: () => ({ status: 200, json: { status: "ok", pid: process.pid } }) },
    {
      method: "GET",
      path: "/readyz",
      handler: async () => {
        const checked = await recheck();
        const ready = checked.every((s) => s.status === "ok");
        return { status: ready ? 200 : 503, json: { status: ready ? "ready" : "not ready", shards: checked } };
      },
    },
    {
      method: "GET",
      path: "/metrics",
      handler: async () => ({ status: 200, text: await metrics.registry.metrics(), headers: { "content-type": metrics.registry.contentType } }),
    },
  ];
}
