export { accessTokenFor, audienceOf, gatewayGraphQL, internalPost, launcherToken, type GraphQLResponse } from "./clients";
export { freePort } from "./ports";
export { ManagedProcess, waitHealthy, type ProcessState, type ServiceSpec } from "./process";
export { GATEWAY_SERVICE, generateSystemKeys, LAUNCHER_SERVICE, systemKeySpecs, systemSigner, type SystemKeys } from "./secrets";
export { seedSystem, tickShards, type SeedSystemReport } from "./seed-system";
export { startSystem, type RunningSystem, type SystemOptions } from "./system";
