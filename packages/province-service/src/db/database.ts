import { fileURLToPath } from "node:url";
import { openDatabase, type Database, type Db } from "@jg/service-kit";
import * as schema from "./schema";

/** The shard's schema object, as drizzle sees it. */
export type ProvinceSchema = typeof schema;
/** A drizzle handle on a shard database (PGlite or PostgreSQL). */
export type ProvinceDb = Db<ProvinceSchema>;
/** A transaction handle inside {@link ProvinceDb.transaction}. */
export type ProvinceTx = Parameters<Parameters<ProvinceDb["transaction"]>[0]>[0];

/** The committed drizzle-kit migrations of this package. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * Opens a shard database (PostgreSQL with `url`, else PGlite in `dataDir` or in memory) and migrates it; on
 * PGlite with generic plans (service-kit's openDatabase; the sweeper's partial index needs its literal
 * predicate, test/plan-cache.test.ts).
 */
export function openProvinceDatabase(options: { url?: string | undefined; dataDir?: string | undefined }): Promise<Database<ProvinceSchema>> {
  return openDatabase({ schema, migrationsFolder: MIGRATIONS_FOLDER, url: options.url, dataDir: options.dataDir, name: "province" });
}
