/**
 * A multi-row insert as ONE bind parameter: the rows go as a JSON array and PostgreSQL unpacks them
 * with `jsonb_to_recordset`. Drizzle's `insert().values([...])` builds one parameter per cell and spends
 * most of a camera batch's CPU doing it (bench/README.md, "Camera batches": 500 rows × 19 columns were
 * 20 % of the shard's busy time and much of its garbage); here the statement text is the same for every
 * batch and the rows are serialised once. Column names and SQL types come from the drizzle table, so
 * the statement follows the schema. Works on PGlite and postgres.js alike (a text parameter). Used by
 * the shards' camera batches and by the home platform's batched inbox and index writes.
 */
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `insert into <table> (<columns>) select … from jsonb_to_recordset($1)` for `rows` (objects keyed by
 * the drizzle property names), plus `tail` (e.g. `on conflict … do nothing returning …`). Dates become
 * ISO strings, JSON columns nested JSON; columns left out take their database defaults.
 */
export function jsonInsert<T extends PgTable>(
  table: T,
  properties: readonly (keyof T["$inferInsert"] & string)[],
  rows: readonly Partial<T["$inferInsert"]>[],
  tail: SQL = sql``,
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const picked = properties.map((p) => {
    const column = columns[p];
    if (!column) throw new Error(`no column ${p} in ${getTableConfig(table).name}`);
    return { property: p, name: column.name, type: column.getSQLType() };
  });
  const names = picked.map((c) => ident(c.name)).join(", ");
  const shape = picked.map((c) => `${ident(c.name)} ${c.type}`).join(", ");
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(picked.map((c) => [c.name, (row as Record<string, unknown>)[c.property] ?? null]))),
  );
  return sql`insert into ${sql.raw(ident(getTableConfig(table).name))} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(shape)}) ${tail}`;
}
