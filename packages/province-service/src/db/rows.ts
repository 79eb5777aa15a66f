/** `db.execute` returns the rows as an array on postgres.js and as `{ rows }` on PGlite: read either. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
