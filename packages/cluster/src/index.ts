export { freePort } from "./ports";
export { ManagedProcess, waitHealthy, type ProcessState, type ServiceSpec } from "./process";
export { generateSecrets, type SystemSecrets } from "./secrets";
export { startSystem, type RunningSystem, type SystemOptions } from "./system";
