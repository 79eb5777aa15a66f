// The gateway (docs/design.md §3, §8): composition, province routing, edge checks, health and metrics.
export { createGateway, DEFAULT_SUPERGRAPH_PATH, GATEWAY_SERVICE, type GatewayDeps, type RunningGateway } from "./server";
export { configSchema, DEFAULT_EDGE_LIMITS, ideOn, introspectionOn, loadConfig, parseShards, type GatewayConfig, type GatewayConfigInput } from "./config";
export { apiSchemaSdl } from "./api-schema";
export { ideAssets, prebuildIde } from "./ide/bundle";
export { IDE_EXAMPLES } from "./ide/page";
export type { GatewayContext } from "./context";
export { startStandaloneRouter, type StandaloneRouter, type StandaloneRouterOptions } from "./standalone";
export { composeCommitted, composeSdl, SUBGRAPH_SOURCES, SUPERGRAPH_FILE, type Composition, type SubgraphSource } from "./compose";
export { API_KEY_HEADER, authenticate, hashApiKey } from "./edge/authenticate";
export { REQUEST_ID_HEADER } from "./forward-headers";
export { ProvinceDataSource, type ProvinceDataSourceOptions } from "./routing/province-data-source";
export { PROVINCE_SUBGRAPH, provinceSubgraphOf, subgraphFromSdl, type ProvinceSubgraph } from "./routing/province-subgraph";
export {
  checkRoutes,
  ENTITY_ROUTES,
  MissingRouteError,
  ROOT_ROUTES,
  type EntityRoute,
  type EntityRouteTable,
  type RootRoute,
  type RootRouteTable,
  type RouteKind,
} from "./routing/route-table";
export { CircuitBreaker, type BreakerState, type CircuitBreakerOptions } from "./routing/circuit-breaker";
export { ShardClient, type ShardFailureReason, type ShardResult } from "./routing/shard-client";
export { checkShards, type ShardHealth } from "./routing/shard-health";
export { createKeepAliveFetcher, type KeepAliveFetcher } from "./routing/keep-alive-fetcher";
