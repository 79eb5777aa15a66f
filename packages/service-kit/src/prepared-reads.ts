/**
 * Prepared statements of the hot reads (issue 11), for every subgraph: built once per database handle
 * instead of drizzle building the same SELECT for every request (drizzle's query building was about a
 * tenth of a service's CPU in the window profile). Keys go as one text[] parameter
 * (`= any($1::text[])`), so one statement serves batches of any size. A transaction handle is another
 * handle: its statements are its own.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

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

/** A PostgreSQL array literal of texts, each element quoted (the same text on both engines' drivers). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}
