import { type PenaltyBasis, type ViolationCodeEntry } from "../codes/violation-code.types";
import { type FineItem } from "./schedule.types";

/** The fine range the national law allows for a penalty basis (道路交通安全法, docs/domain-facts.md §3). */
export interface LegalRange {
  readonly minYuan: number;
  readonly maxYuan: number;
  /** Whether a warning alone is a lawful penalty. */
  readonly warningAllowed: boolean;
}

/** The most a fine may be and still go through the simple procedure (处理程序规定 §43/§52). */
export const SIMPLE_PROCEDURE_MAX_YUAN = 200;

const RANGES: Record<PenaltyBasis, LegalRange> = {
  // §90: "警告或者二十元以上二百元以下罚款".
  "§90": { minYuan: 20, maxYuan: 200, warningAllowed: true },
  // §93: ¥20–200; the officer may also just point the offence out and warn (口头警告), hence warnings.
  "§93": { minYuan: 20, maxYuan: 200, warningAllowed: true },
  // §99: ¥200–2000 and possibly revocation; a warning alone is not allowed.
  "§99": { minYuan: 200, maxYuan: 2000, warningAllowed: false },
};

/** The legal range of a penalty basis. */
export function legalRange(basis: PenaltyBasis): LegalRange {
  return RANGES[basis];
}

/** Whether the simple procedure applies to a penalty: a warning, or a fine of at most ¥200. */
export function isSimpleProcedure(warningOnly: boolean, fineYuan: number): boolean {
  return warningOnly || fineYuan <= SIMPLE_PROCEDURE_MAX_YUAN;
}

/**
 * What is wrong with a fine item for its code, as sentences; empty when lawful: a whole-yuan fine inside
 * the legal range (or a warning where one is allowed, with fine 0), the code's points, and a
 * `simpleProcedure` flag that agrees with the amount. §99 offences are never simple procedure, even at
 * exactly ¥200, because they may carry revocation.
 */
export function problemsOf(item: FineItem, entry: ViolationCodeEntry): string[] {
  const range = legalRange(entry.penaltyBasis);
  const problems: string[] = [];
  if (item.warningOnly) {
    if (!range.warningAllowed) problems.push(`a warning alone is not lawful for ${entry.code} (${entry.penaltyBasis})`);
    if (item.fineYuan !== 0) problems.push(`a warning-only item must have fine 0, got ${item.fineYuan}`);
  } else if (!Number.isInteger(item.fineYuan) || item.fineYuan < range.minYuan || item.fineYuan > range.maxYuan) {
    problems.push(`fine ${item.fineYuan} for ${entry.code} is outside ¥${range.minYuan}–${range.maxYuan} (${entry.penaltyBasis})`);
  }
  if (item.points !== entry.points) problems.push(`points ${item.points} differ from the code's ${entry.points}`);
  const simple = entry.penaltyBasis !== "§99" && isSimpleProcedure(item.warningOnly, item.fineYuan);
  if (item.simpleProcedure !== simple) problems.push(`simpleProcedure should be ${simple} for ${entry.code}`);
  if (item.fineSource.trim() === "") problems.push(`item ${entry.code} has no source`);
  return problems;
}
