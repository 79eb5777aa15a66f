import { err, ok, type Result } from "../result";
import { SIGNAL_CODES } from "./data-signals";
import { SPEED_PARKING_CODES } from "./data-speed-parking";
import { type ViolationCodeEntry } from "./violation-code.types";

/** Every violation code this platform knows, in docs/domain-facts.md §2 row order. */
export const VIOLATION_CODES: readonly ViolationCodeEntry[] = Object.freeze(
  [...SIGNAL_CODES, ...SPEED_PARKING_CODES].sort((a, b) => a.factsRow - b.factsRow),
);

const BY_CODE = new Map(VIOLATION_CODES.map((e) => [e.code, e]));
const BY_ALIAS = new Map(VIOLATION_CODES.flatMap((e) => e.aliases.map((a) => [a, e] as const)));

/** The entry of a code; an older or sub-case alias (1344 → 1116) resolves to its current entry. */
export function violationCode(code: string): ViolationCodeEntry | undefined {
  return BY_CODE.get(code) ?? BY_ALIAS.get(code);
}

/** Like `violationCode`, as a result with UNKNOWN_VIOLATION_CODE for an unknown code. */
export function parseViolationCode(code: string): Result<ViolationCodeEntry> {
  const found = typeof code === "string" ? violationCode(code) : undefined;
  return found ? ok(found) : err("UNKNOWN_VIOLATION_CODE", `"${String(code)}" is not a known violation code`);
}
