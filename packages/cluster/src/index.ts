export { freePort } from "./ports";
export { ManagedProcess, waitHealthy, type ProcessState, type ServiceSpec } from "./process";
