/** A timestamp column read through raw SQL: a Date or an ISO-like string depending on the driver. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") return new Date(value);
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

/** A jsonb value as the driver gives it: parsed already (PGlite) or as text. */
export const json = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
