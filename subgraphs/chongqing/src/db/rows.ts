/**
 * `db.execute` answers differently per driver: postgres.js gives an array of rows, PGlite an object
 * with `rows`. Raw SQL (used only where the query builder cannot express one statement per batch)
 * goes through this one adapter.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new TypeError("unexpected result shape from db.execute");
}

/** A timestamp column read through raw SQL: a Date or an ISO-like string depending on the driver. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") return new Date(value);
  throw new TypeError(`not a timestamp: ${String(value)}`);
}
