import { DENIALS } from "./denials";
import { FAULTS } from "./faults";

/** One entry of the catalogue. A denial always names the rule it comes from. */
export type CodeEntry =
  | { readonly kind: "DENIAL"; readonly ruleId: string; readonly zh: string; readonly en: string; readonly httpStatus?: number }
  | { readonly kind: "FAULT"; readonly ruleId?: string; readonly zh: string; readonly en: string; readonly httpStatus?: number };

/**
 * Every code in the system, keyed by code: business denials (rule-backed refusals returned as values)
 * and faults (request refusals and infrastructure failures raised as errors). The two halves live in
 * `denials.ts` and `faults.ts`; a test checks that no key appears in both.
 */
export const CODES = { ...DENIALS, ...FAULTS } as const satisfies Record<string, CodeEntry>;

export type Code = keyof typeof CODES;
/** The codes of business denials (each with a rule ID). */
export type DenialCode = keyof typeof DENIALS;
/** The codes of faults (raised as `AppFault`, sent as `extensions.code`). */
export type FaultCode = keyof typeof FAULTS;

/** Languages the messages come in. */
export type Lang = "zh" | "en";

/** True when `code` is a key of the catalogue. */
export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}

/** True when `code` is a business denial. */
export function isDenialCode(code: string): code is DenialCode {
  return isCode(code) && CODES[code].kind === "DENIAL";
}

/** True when `code` is a fault. */
export function isFaultCode(code: string): code is FaultCode {
  return isCode(code) && CODES[code].kind === "FAULT";
}

/** The rule ID behind a denial code (`R-ELG-6` for `POINTS_WOULD_REACH_12`). */
export function ruleIdOf(code: DenialCode): string {
  return CODES[code].ruleId;
}
