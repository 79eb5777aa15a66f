/**
 * Prepared statements of the hot reads (issue 11), for every subgraph: built once per database handle
 * instead of drizzle building the same SELECT for every request (drizzle's query building was about a
 * tenth of a service's CPU in the window profile). Keys go as one text[] parameter
 * (`= any($1::text[])`), so one statement serves batches of any size. A transaction handle is another
 * handle: its statements are its own — except through {@link inTransaction} / {@link preparedInTransaction}
 * (issue 12): a statement built once per database handle and run on a transaction's connection, since a
 * statement built on the transaction handle would be built again for every transaction.
 */
import { getTableColumns, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { isSavepointClient } from "./prepared-client";

const built = new WeakMap<object, Map<string, unknown>>();

/** The statement `name` of `db`, built by `build` the first time. */
export function preparedOnce<D extends object, T>(db: D, name: string, build: (db: D) => T): T {
  let byName = built.get(db);
  if (!byName) {
    byName = new Map();
    built.set(db, byName);
  }
  let query = byName.get(name) as T | undefined;
  if (query === undefined) {
    query = build(db);
    byName.set(name, query);
  }
  return query;
}

/** `column = any($keys::text[])`: the condition of a prepared batch read by text keys. */
export function inKeys(column: AnyPgColumn): SQL {
  return sql`${column} = any(${sql.placeholder("keys")}::text[])`;
}

/**
 * A placeholder of a statement written in SQL (`preparedSql`) with its PostgreSQL type: `$n::type`, e.g.
 * `typedPlaceholder("at", "timestamptz")` or `typedPlaceholder("ids", "text[]")`. The type is the
 * statement's own text (never a value), so a prepared statement's parameter types do not depend on the
 * first call's values.
 */
export function typedPlaceholder(name: string, type: string): SQL {
  return sql`${sql.placeholder(name)}::${sql.raw(type)}`;
}

/**
 * `{ column: sql.placeholder("column"), … }` for the named columns of `table`: the values of a prepared
 * insert whose parameters are named after its columns (`execute({ id, name })`), each column's encoder
 * applying to its value. Typed by the table, so a misspelt column fails to compile; a column that is
 * not the table's throws (the statement is built once, so it fails at its first use).
 */
export function placeholdersFor<T extends PgTable, const K extends keyof T["$inferInsert"] & string>(
  table: T,
  columns: readonly K[],
): { [P in K]: Placeholder<P> } {
  const known = getTableColumns(table);
  const values: Record<string, Placeholder> = {};
  for (const column of columns) {
    if (!Object.hasOwn(known, column)) throw new Error(`placeholdersFor: ${column} is not a column of the table`);
    values[column] = sql.placeholder(column);
  }
  return values as { [P in K]: Placeholder<P> };
}

/** A PostgreSQL array literal of texts, each element quoted (the same text on both engines' drivers). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * Whether `tx` is a drizzle transaction nested in another (a savepoint), on either engine: PGlite's
 * transactions count their nesting (`nestedIndex`); drizzle's postgres-js driver does not, so there the
 * savepoint's connection is recognised (prepared-client.ts marks it).
 */
export function isNestedTransaction(tx: object): boolean {
  const nestedIndex = (tx as { nestedIndex?: unknown }).nestedIndex;
  if (typeof nestedIndex === "number" && nestedIndex > 0) return true;
  return isSavepointClient((tx as { session?: WithClient }).session?.client);
}

/** What {@link inTransaction} reads of drizzle: a transaction's session and a prepared query's connection (both drivers name it `client`). */
type WithClient = { client?: unknown };

/**
 * `query`, a statement prepared on a database handle (built once by {@link preparedOnce}), run on the
 * connection of `tx`, a transaction of that handle (issue 12: a transaction handle is new for every
 * transaction, so a statement prepared on it would be built again each time; drizzle's query building was
 * about a tenth of a shard's CPU). The statement text, its parameters and its result mapping are the
 * prepared query's; only the connection is the transaction's, so it commits or rolls back with it. Both
 * drivers (PGlite, postgres.js) keep the connection in `client` of the session and of the prepared query;
 * service-kit's test fails if a drizzle upgrade moves it.
 */
export function inTransaction<Q extends object>(query: Q, tx: object): Q {
  const client = (tx as { session?: WithClient }).session?.client;
  if (client === undefined || !("client" in query)) throw new Error("inTransaction: not a drizzle transaction or prepared query");
  const bound = Object.create(query) as Q & WithClient;
  bound.client = client;
  return bound;
}

/**
 * `query` (built on the first transaction that needed it) with its connection taken away: the kept
 * statement would otherwise run on that transaction's connection, which on PostgreSQL goes back to the
 * pool and may be inside another transaction by then (review R2-1). Only {@link inTransaction}'s copies,
 * each with its transaction's connection, run.
 */
function unbound<Q extends object>(query: Q): Q {
  if (!("client" in query)) throw new Error("preparedInTransaction: not a drizzle prepared query");
  const refuse = () => {
    throw new Error("a statement of preparedInTransaction runs only through inTransaction, on a transaction's connection");
  };
  (query as WithClient).client = new Proxy({}, { get: refuse });
  return query;
}

/**
 * The statement `name`, built by `build` on the first transaction that needs it and prepared, run on the
 * connection of `tx` ({@link inTransaction}): for statements that only ever run inside transactions, in
 * code that gets the transaction but not its database handle. It is kept per database handle: drizzle's
 * transactions of one handle share its dialect object, which keys it.
 */
export function preparedInTransaction<T extends object, Q extends object>(tx: T, name: string, build: (tx: T) => Q): Q {
  const dialect = (tx as { dialect?: object }).dialect;
  if (dialect === undefined) throw new Error("preparedInTransaction: not a drizzle transaction");
  return inTransaction(
    preparedOnce(dialect, name, () => unbound(build(tx))),
    tx,
  );
}

/** A prepared raw statement ({@link preparedSql}): `execute` returns the driver's result, as `db.execute` does (read it with `rowsOf`). */
export type PreparedSql = { execute(values?: Record<string, unknown>): Promise<unknown> };

/**
 * `query`, a raw `sql` statement with `sql.placeholder`s, prepared on `db` (a database or transaction
 * handle) as `db.execute` would run it, but built once: `db.execute(sql…)` turns its SQL object into
 * text on every call (issue 12: drizzle's `sqlToQuery`, `is`, `buildQueryFromSourceParams` were ≈ 7 % of
 * Chongqing's self time). Keep it with {@link preparedOnce} or {@link preparedInTransaction}. Lists go
 * as one array parameter (`= any($1::text[])`), so the text, and PGlite's named statement, is the same
 * for any length.
 */
export function preparedSql(db: object, name: string, query: SQL): PreparedSql {
  const { dialect, session } = db as {
    dialect?: { sqlToQuery(query: SQL): unknown };
    session?: { prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: boolean): PreparedSql };
  };
  if (dialect === undefined || session === undefined) throw new Error("preparedSql: not a drizzle database or transaction");
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
}
