/**
 * One way to open a service's database, whichever engine is behind it (docs/design.md §6):
 * - embedded PGlite (WASM PostgreSQL): in memory by default, or a data folder for a persistent run;
 * - a real PostgreSQL server through postgres.js when a connection URL is given.
 * Both are driven through drizzle-orm with the same schema and the same committed drizzle-kit
 * migrations, applied at open. Every SQL statement passes a counter, so tests can prove batching
 * ("one query per batch") and benchmarks can report SQL per request. On both engines a statement with
 * parameters is prepared once under a name and then run by it (prepared-client.ts, pglite-statements.ts).
 * Each engine's driver is imported when a database of that engine is opened, so a process on
 * PostgreSQL never loads PGlite and one on PGlite never loads postgres.js (issue 12, footprint).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { withPreparedStatements } from "./prepared-client";

/** The drizzle database type both engines satisfy. Services type their code against this only. */
export type Db<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

/** Counts SQL statements sent by one database handle. */
export class QueryCounter {
  private n = 0;
  private readonly statements: string[] = [];
  private keep = false;

  logQuery(query: string): void {
    this.n += 1;
    if (this.keep) this.statements.push(query);
  }

  get count(): number {
    return this.n;
  }

  /** Starts recording statement texts as well (for assertions on what was sent). */
  record(): void {
    this.keep = true;
  }

  get recorded(): readonly string[] {
    return this.statements;
  }

  reset(): void {
    this.n = 0;
    this.statements.length = 0;
  }
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** drizzle schema object (tables and relations). */
  schema: TSchema;
  /** Folder of the committed drizzle-kit migrations. */
  migrationsFolder: string;
  /** PostgreSQL connection URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder for a persistent embedded run; in memory when absent. Ignored with `url`. */
  dataDir?: string | undefined;
  /** Maximum pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /** Label of this database in the process's SQL statement counts (default "db"), e.g. "platform", "province". */
  name?: string;
}

/** Every database handle this process opened, by label: the counts `/metrics` reports (see http.ts). */
const processCounters = new Map<string, QueryCounter[]>();

/** SQL statements sent so far by this process, per database label (summed over handles with one label). */
export function sqlStatementCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, counters] of processCounters) out[name] = counters.reduce((n, c) => n + c.count, 0);
  return out;
}

export interface Database<TSchema extends Record<string, unknown>> {
  db: Db<TSchema>;
  engine: "pglite" | "postgres";
  queries: QueryCounter;
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations, and returns a drizzle handle with a query counter. */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  const queries = new QueryCounter();
  const label = options.name ?? "db";
  processCounters.set(label, [...(processCounters.get(label) ?? []), queries]);
  // Every statement, counted once more where no test resets it: an embedded database's VACUUM is due by it (pglite-vacuum.ts).
  let statementsRun = 0;
  const logger = {
    logQuery: (q: string) => {
      statementsRun += 1;
      queries.logQuery(q);
    },
  };
  const opened = (db: unknown, engine: Database<TSchema>["engine"], close: () => Promise<void>): Database<TSchema> => ({ db: db as Db<TSchema>, engine, queries, close });
  if (options.url) {
    const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
      import("postgres"),
      import("drizzle-orm/postgres-js"),
      import("drizzle-orm/postgres-js/migrator"),
    ]);
    const sql = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // Timestamps stay strings at the driver level; drizzle maps them per column.
    });
    // Server-side prepared statements: one round trip and no parse or plan per statement (prepared-client.ts).
    const db = drizzlePostgres(withPreparedStatements(sql), { schema: options.schema, logger });
    await migratePostgres(db, { migrationsFolder: options.migrationsFolder });
    return opened(db, "postgres", () => sql.end({ timeout: 5 }));
  }
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }, { pgliteRuntime, migratedTemplate, pgliteTemplatesEnabled, dropUnusedDatabases }, { withNamedStatements, pgliteStatements }, { pgliteExchange }, { pgliteVacuumSettings, scheduleVacuum }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
    import("./pglite-runtime"),
    import("./pglite-statements"),
    import("./pglite-exchange"),
    import("./pglite-vacuum"),
  ]);
  const vacuumSettings = pgliteVacuumSettings(); // read first: a bad setting stops the start before anything is opened
  // One compiled module per process, smaller shared_buffers (pglite-runtime.ts); in a shard host a new
  // database starts from the process's migrated template (the migrations below then find nothing to do).
  const { wasmModule, fsBundle } = await pgliteRuntime();
  const isNew = !options.dataDir || !existsSync(join(options.dataDir, "PG_VERSION"));
  const fresh = pgliteTemplatesEnabled() && isNew;
  const loadDataDir = fresh ? await migratedTemplate(options.migrationsFolder, async () => {
    const template = new PGlite({ wasmModule, fsBundle });
    await migratePglite(drizzlePglite(template), { migrationsFolder: options.migrationsFolder });
    await dropUnusedDatabases(template);
    const tarball = await template.dumpDataDir("gzip");
    await template.close();
    return tarball;
  }) : undefined;
  const statements = pgliteStatements();
  // The extension lets pglite-statements.ts read PostgreSQL's answers raw (pglite-exchange.ts).
  const extensions = statements === "named" ? { extensions: { jgExchange: pgliteExchange } } : {};
  const client = new PGlite({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), wasmModule, fsBundle, ...extensions });
  await client.waitReady;
  if (isNew && !loadDataDir) await dropUnusedDatabases(client); // a template has none left
  // Named prepared statements, one protocol exchange per run (pglite-statements.ts).
  const db = drizzlePglite({ client: statements === "unnamed" ? client : withNamedStatements(client).client, schema: options.schema, logger });
  await migratePglite(db, { migrationsFolder: options.migrationsFolder });
  // Every parameterised statement on a generic plan (a session setting; docs/design.md §6, issue 12):
  // PostgreSQL's plan cache kept planning our named statements again at each run (without table
  // statistics a `= any($1)` key list makes the generic plan look dearer), about a third of the CPU of the
  // platform's statements and 0.21 → 0.07 ms a run of a shard's violation loader. A generic plan uses a
  // partial index only when the query states the index's predicate as a literal (the services'
  // plan-cache tests pin theirs).
  await db.execute(sql`set plan_cache_mode = force_generic_plan`);
  // PGlite has no autovacuum: the database is vacuumed on a timer once it has run enough statements (pglite-vacuum.ts).
  const vacuum = scheduleVacuum(
    {
      vacuum: () => client.exec("VACUUM"),
      statements: () => statementsRun,
      onError: (err) => process.emitWarning(`VACUUM of the ${label} database failed: ${err instanceof Error ? err.message : String(err)}`),
    },
    vacuumSettings,
  );
  return opened(db, "pglite", async () => {
    await vacuum.stop();
    await client.close();
  });
}
