/**
 * Opening the platform database: the committed migrations in `drizzle/` applied at open, on PGlite
 * (default, in memory or a data folder) or PostgreSQL (`url`), through @jg/service-kit.
 */
import { fileURLToPath } from "node:url";
import { openDatabase, type Database, type Db } from "@jg/service-kit";
import * as schema from "./schema";

export type PlatformSchema = typeof schema;
/** The drizzle handle every platform service works with (a transaction has the same type). */
export type PlatformDb = Db<PlatformSchema>;
export type PlatformDatabase = Database<PlatformSchema>;

/** Folder of the committed drizzle-kit migrations of this service. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface OpenPlatformDatabaseOptions {
  /** PostgreSQL URL; PGlite when absent. */
  url?: string | undefined;
  /** PGlite data folder; in memory when absent. Ignored with `url`. */
  dataDir?: string | undefined;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Opens the database and applies pending migrations. */
export async function openPlatformDatabase(options: OpenPlatformDatabaseOptions = {}): Promise<PlatformDatabase> {
  return openDatabase({ schema, migrationsFolder: MIGRATIONS_FOLDER, name: "platform", ...options });
}
