/**
 * `db.execute` answers differently per driver: postgres.js gives an array of rows, PGlite an object
 * with `rows`. Raw SQL (used only where the query builder cannot express one statement per batch)
 * goes through this one adapter; any other shape is a bug and throws rather than reading as no rows.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new TypeError("unexpected result shape from db.execute");
}
