import { fileURLToPath } from "node:url";
import { openDatabase, type Database, type Db } from "@jg/service-kit";
import { sql } from "drizzle-orm";
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
 * On PGlite every parameterised statement gets a generic plan (`plan_cache_mode = force_generic_plan`, a
 * session setting, as the home platform's, docs/design.md §6): a named one is planned once, an unnamed one
 * (more than MAX_PREPARED_PARAMETERS parameters: batch `in` lists, multi-row inserts) at each run as
 * before, but never with a custom plan. PostgreSQL's plan cache kept planning again at each run the statements
 * it prefers custom plans for — the violation loader's `id = any($1)` with its join to handlings cost
 * 0.21 ms of CPU a run with the planning, 0.07 without (issue 12). A generic plan uses a partial index
 * only when the query states the index's predicate as a literal (the sweeper's `state = 'ACTIVE'`), which
 * test/plan-cache.test.ts pins.
 */
export async function openProvinceDatabase(options: { url?: string | undefined; dataDir?: string | undefined }): Promise<Database<ProvinceSchema>> {
  const database = await openDatabase({ schema, migrationsFolder: MIGRATIONS_FOLDER, url: options.url, dataDir: options.dataDir, name: "province" });
  if (database.engine === "pglite") await database.db.execute(sql`set plan_cache_mode = force_generic_plan`);
  return database;
}
