/**
 * True when a database error is a unique-constraint violation (SQLSTATE 23505), whichever driver raised
 * it: postgres.js and PGlite put `code` on the error, drizzle wraps it as the `cause`.
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth += 1) {
    if (typeof e === "object" && "code" in e && (e as { code: unknown }).code === "23505") return true;
    e = typeof e === "object" && "cause" in e ? (e as { cause: unknown }).cause : undefined;
  }
  return false;
}
