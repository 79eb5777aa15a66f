/**
 * Result values for validation. A malformed plate or ID is an expected input problem, so parsers return
 * a value instead of throwing (docs/style.md practice 5: refusals are values); callers that must throw use
 * the `*OrThrow` helpers or `provinceOfViolationId`, which raise an `AppFault` with the same code.
 */

import { AppFault, type FaultCode } from "@jg/errors";

/** Fault codes this package produces, taken from the `@jg/errors` catalogue. */
export type ReferenceFaultCode = Extract<
  FaultCode,
  "INVALID_VIOLATION_ID" | "INVALID_PLATE" | "INVALID_PROVINCE_CODE" | "UNKNOWN_VIOLATION_CODE"
>;

/** `{ ok: true, value }` on success, `{ ok: false, code, message }` with a stable code otherwise. */
export type Result<T, C extends string = ReferenceFaultCode> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: C; readonly message: string };

/** Builds a success value. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Builds a failure value with a stable code and a message that says what was wrong. */
export function err<C extends string>(code: C, message: string): { readonly ok: false; readonly code: C; readonly message: string } {
  return { ok: false, code, message };
}

/** The catalogue placeholder each code's message uses for the rejected input. */
const PARAM_OF: Record<ReferenceFaultCode, string> = {
  INVALID_VIOLATION_ID: "id",
  INVALID_PLATE: "plate",
  INVALID_PROVINCE_CODE: "code",
  UNKNOWN_VIOLATION_CODE: "code",
};

/**
 * Unwraps a result or throws the `AppFault` of its code; the detailed reason goes into
 * `details.reason` so a GraphQL error can carry it in `extensions`.
 */
export function unwrap<T>(result: Result<T>, input: string): T {
  if (result.ok) return result.value;
  throw new AppFault(result.code, {
    params: { [PARAM_OF[result.code]]: input },
    details: { reason: result.message },
  });
}
