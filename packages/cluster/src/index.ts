export { accessTokenFor, audienceOf, gatewayGraphQL, internalGet, internalPost, launcherToken, type GraphQLResponse } from "./clients";
export { buildServices, ensureServicesBuilt, servicesStale } from "./build";
export { HostedShard, type ServiceHandle } from "./hosted-shard";
export { ManagedProcess, waitHealthy, type ProcessState, type ServiceSpec } from "./process";
export { defaultEdge, GATEWAY_SERVICE, generateSystemKeys, HIVE_GATEWAY_SERVICE, LAUNCHER_SERVICE, ROUTER_SERVICE, systemKeySpecs, systemSigner, type Edge, type SystemKeys } from "./secrets";
export { seedSystem, tickShards, type SeedSystemReport } from "./seed-system";
export { assignHosts, defaultLayout, defaultRuntime, startSystem, type Layout, type RunningSystem, type Runtime, type SystemOptions } from "./system";
export { postgresBackendPids, processCpuMs } from "./process-cpu";
export { serviceNodeArgs, type NodeOptionsKind } from "./node-options";
