import { AppFault } from "@jg/errors";

/**
 * Guards for the rules' inputs. A malformed input (a negative fine, an invalid date) is a caller's bug or
 * bad request data, not a business outcome, so it raises `BAD_USER_INPUT` instead of producing a
 * denial that would hide the bug.
 */
export function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppFault("BAD_USER_INPUT", { params: { reason: `${name} must be a non-negative integer, got ${value}` } });
  }
}

/** Raises `BAD_USER_INPUT` unless `value` is a valid `Date`. */
export function requireDate(name: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new AppFault("BAD_USER_INPUT", { params: { reason: `${name} must be a valid date` } });
  }
}
