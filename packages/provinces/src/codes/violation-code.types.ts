/** Points a single offence can carry under 163号令 §7 (plus 0 for offences it does not list). */
export type Points = 0 | 1 | 3 | 6 | 9 | 12;

/** The points allowed by 163号令 §7, plus 0. */
export const POINT_VALUES: readonly Points[] = Object.freeze([0, 1, 3, 6, 9, 12]);

/**
 * How far a code number can be trusted (docs/domain-facts.md §2): "legacy" = seen in real records of
 * 2011–2019 [B]; "post-2022" = from third-party pages [C]; "assumed" = NOT FOUND, a number of this
 * package in the reserved range 9xxx (no real category starts with 9: 1–8 are taken), never real.
 */
export type CodeConfidence = "legacy" | "post-2022" | "assumed";

/**
 * Which article of 道路交通安全法 sets the fine range: §90 (warning or ¥20–200), §93 (illegal parking,
 * ¥20–200) or §99 (¥200–2000, general procedure only).
 */
export type PenaltyBasis = "§90" | "§93" | "§99";

/** One violation code (违法行为代码) with its description and points. */
export interface ViolationCodeEntry {
  readonly code: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly points: Points;
  /** The article that sets the points, e.g. "163号令 §10-8", or why there are none. */
  readonly pointsSource: string;
  readonly codeConfidence: CodeConfidence;
  /** Where the code number and description come from. */
  readonly source: string;
  readonly penaltyBasis: PenaltyBasis;
  /** The row of the docs/domain-facts.md §2 table this entry models. */
  readonly factsRow: number;
  /** Other code numbers seen for the same offence (older tables, sub-cases), with their confidence in `source`. */
  readonly aliases: readonly string[];
  /** True when traffic cameras record it (all entries here are camera-recordable, docs/domain-facts.md §2). */
  readonly cameraRecordable: boolean;
}
