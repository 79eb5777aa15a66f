import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
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
 * Opens a shard database (PostgreSQL with `url`, else PGlite in `dataDir` or in memory) and migrates it.
 * On PGlite each named statement is planned once (`plan_cache_mode = force_generic_plan`, as the home
 * platform's, docs/design.md §6): PostgreSQL's plan cache otherwise keeps choosing custom plans and plans
 * again at every run. A generic plan uses a partial index only where the query states its predicate as a
 * literal: the sweeper's scan of active handlings does (`revert.sweeper.ts`, pinned by
 * `test/plan-cache.test.ts`).
 */
export async function openProvinceDatabase(options: { url?: string | undefined; dataDir?: string | undefined }): Promise<Database<ProvinceSchema>> {
  const database = await openDatabase({ schema, migrationsFolder: MIGRATIONS_FOLDER, url: options.url, dataDir: options.dataDir, name: "province" });
  if (database.engine === "pglite") await database.db.execute(sql`set plan_cache_mode = force_generic_plan`);
  return database;
}
