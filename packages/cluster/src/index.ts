export { accessTokenFor, audienceOf, gatewayGraphQL, internalPost, type GraphQLResponse } from "./clients";
export { freePort } from "./ports";
export { ManagedProcess, waitHealthy, type ProcessState, type ServiceSpec } from "./process";
export { generateSecrets, type SystemSecrets } from "./secrets";
export { seedSystem, tickShards, type SeedSystemReport } from "./seed-system";
export { startSystem, type RunningSystem, type SystemOptions } from "./system";
