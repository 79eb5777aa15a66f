// The province violation service: the sharded `province` subgraph (docs/design.md §3–§7).
import "reflect-metadata";
export { createProvinceShard, type ProvinceShard, type ProvinceShardDeps } from "./shard";
export {
  parseProvinceShardConfig,
  provinceShardConfigSchema,
  type ProvinceShardConfig,
  type ProvinceShardConfigInput,
} from "./config";
export { buildProvinceSchema, printProvinceSchema } from "./schema";
export { MIGRATIONS_FOLDER, openProvinceDatabase, type ProvinceDb, type ProvinceSchema } from "./db/database";
export * as provinceTables from "./db/schema";
export { createHttpViewerAccess, type ViewedViolation, type ViewerAccess } from "./access/viewer-access";
export { RevertSweeper } from "./revert/revert.sweeper";
export { type ShardContext } from "./context";
export { isHomeVehicle } from "./handoff/publish";
export { seedViolations, type SeedOptions } from "./seed";
