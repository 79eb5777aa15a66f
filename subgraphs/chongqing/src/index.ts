/**
 * The platform as a library (no side effects on import): what the simulator, the gateway's tests and
 * end-to-end tests use to start Chongqing in-process, seed it and talk to its internal API.
 */
export {
  createPlatform,
  startChongqing,
  type CreatePlatformInput,
  type Platform,
  type RunningChongqing,
  type StartChongqingInput,
} from "./platform";
export { configFromEnv, configSchema, DEVELOPMENT_CODE_SECRET, parseConfig, type PlatformConfig } from "./config";
export {
  MIGRATIONS_FOLDER,
  openPlatformDatabase,
  type OpenPlatformDatabaseOptions,
  type PlatformDatabase,
  type PlatformDb,
  type PlatformSchema,
} from "./db/database";
export * as platformTables from "./db/schema";
export { DEV_SMS_CODES_PATH } from "./handoff/internal-routes";
export { buildPlatformSchema, printPlatformSchema, REFERENCE_RESOLVERS, RESOLVERS } from "./schema";
export {
  seedAccount,
  seedFiling,
  seedLease,
  seedLicence,
  seedPartner,
  seedPoints,
  seedVehicle,
  type SeedAccount,
  type SeedFiling,
  type SeedLease,
  type SeedLicence,
  type SeedVehicle,
} from "./seed";
