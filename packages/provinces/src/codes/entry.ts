import { type CodeConfidence, type PenaltyBasis, type Points, type ViolationCodeEntry } from "./violation-code.types";

/** The source of docs/domain-facts.md §2 (the table every entry comes from). */
const TABLE_SOURCE = "docs/domain-facts.md §2";

/** Points source for offences 163号令 does not list. */
export const NO_POINTS = "163号令 §8–§12: not listed → 0 points";

/** Builds a frozen entry; every entry here is camera-recordable (docs/domain-facts.md §2 lists only those). */
export function entry(
  factsRow: number,
  code: string,
  confidence: CodeConfidence,
  points: Points,
  pointsSource: string,
  zh: string,
  en: string,
  source: string,
  options: { aliases?: readonly string[]; penaltyBasis?: PenaltyBasis } = {},
): ViolationCodeEntry {
  return Object.freeze({
    code,
    descriptionZh: zh,
    descriptionEn: en,
    points,
    pointsSource,
    codeConfidence: confidence,
    source: `${TABLE_SOURCE} row ${factsRow}: ${source}`,
    penaltyBasis: options.penaltyBasis ?? "§90",
    factsRow,
    aliases: Object.freeze([...(options.aliases ?? [])]),
    cameraRecordable: true,
  });
}
