/**
 * A multi-row insert as ONE bind parameter: the rows go as a JSON array and PostgreSQL unpacks them
 * with `jsonb_to_recordset`. Drizzle's `insert().values([...])` builds one parameter per cell and spends
 * most of a camera batch's CPU doing it (bench/README.md, "Camera batches": 500 rows × 19 columns were
 * 20 % of the shard's busy time and much of its garbage); here the statement text is the same for every
 * batch and the rows are serialised once. Column names and SQL types come from the drizzle table, so
 * the statement follows the schema. Works on PGlite and postgres.js alike (a text parameter). Used by
 * the shards' camera batches and by the home platform's batched inbox and index writes; `jsonUpdate`
 * does the same for an update of many rows, each with its own values (the relays settling a batch).
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
  const picked = pick(table, properties);
  const names = picked.map((c) => ident(c.name)).join(", ");
  return sql`insert into ${sql.raw(ident(getTableConfig(table).name))} (${sql.raw(names)}) select ${sql.raw(names)} from ${recordset(picked, rows)} ${tail}`;
}

/**
 * `update <table> set <column> = r.<column>, … from jsonb_to_recordset($1) as r where <table>.<key> = r.<key>`:
 * one statement for many rows, each with its own values (`rows`, objects keyed by the drizzle property
 * names; `key` must be one of `properties`), plus `also`: assignments the same for every row, e.g.
 * `{ attempts: sql\`${t.attempts} + 1\` }`. Rows whose key matches nothing change nothing.
 */
export function jsonUpdate<T extends PgTable>(
  table: T,
  key: keyof T["$inferInsert"] & string,
  properties: readonly (keyof T["$inferInsert"] & string)[],
  rows: readonly Partial<T["$inferInsert"]>[],
  also: Partial<Record<keyof T["$inferInsert"] & string, SQL>> = {},
): SQL {
  if (!properties.includes(key)) throw new Error(`the key ${key} must be one of the properties`);
  const picked = pick(table, properties);
  const name = ident(getTableConfig(table).name);
  const keyColumn = ident(picked.find((c) => c.property === key)!.name);
  const assignments = [
    ...picked.filter((c) => c.property !== key).map((c) => sql.raw(`${ident(c.name)} = r.${ident(c.name)}`)),
    ...pick(table, Object.keys(also) as (keyof T["$inferInsert"] & string)[]).map((c) => sql`${sql.raw(ident(c.name))} = ${also[c.property as keyof typeof also]!}`),
  ];
  if (assignments.length === 0) throw new Error("an update needs a column to set");
  return sql`update ${sql.raw(name)} set ${sql.join(assignments, sql`, `)} from ${recordset(picked, rows)} where ${sql.raw(`${name}.${keyColumn} = r.${keyColumn}`)}`;
}

interface Picked {
  property: string;
  name: string;
  type: string;
}

function pick(table: PgTable, properties: readonly string[]): Picked[] {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  return properties.map((p) => {
    const column = columns[p];
    if (!column) throw new Error(`no column ${p} in ${getTableConfig(table).name}`);
    return { property: p, name: column.name, type: column.getSQLType() };
  });
}

/** `jsonb_to_recordset($1::jsonb) as r(<column> <type>, …)`: the rows as one JSON parameter. */
function recordset(picked: readonly Picked[], rows: readonly object[]): SQL {
  const shape = picked.map((c) => `${ident(c.name)} ${c.type}`).join(", ");
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(picked.map((c) => [c.name, (row as Record<string, unknown>)[c.property] ?? null]))));
  return sql`jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(shape)})`;
}
