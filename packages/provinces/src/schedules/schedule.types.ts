import { type ProvinceCode } from "../catalogue/province.types";
import { type Points } from "../codes/violation-code.types";

/** The penalty of one violation code in one schedule version. */
export interface FineItem {
  readonly code: string;
  /** The fine in yuan; 0 when the penalty is a warning only. */
  readonly fineYuan: number;
  readonly warningOnly: boolean;
  /** True when the simple procedure applies: a warning or a fine of at most ¥200 (处理程序规定 §43/§52). */
  readonly simpleProcedure: boolean;
  readonly points: Points;
  /** Where the figure comes from, or "ASSUMED: …" with the range it was chosen in. */
  readonly fineSource: string;
  /** True when the figure was chosen by this package (or a deployment) because it was NOT FOUND. */
  readonly assumed: boolean;
}

/** A province's fine schedule (裁量标准) from a date on. */
export interface ScheduleVersion {
  readonly provinceCode: ProvinceCode;
  /** A stable name of the version, e.g. "50@2021-04-20". */
  readonly version: string;
  /** First CST calendar day the version applies to (ISO "YYYY-MM-DD", China Standard Time). */
  readonly effectiveFrom: string;
  /** The instrument the version models (law, regulation, discretion standard) and its citation. */
  readonly source: string;
  /** True when `effectiveFrom` itself was NOT FOUND and chosen by this package. */
  readonly effectiveFromAssumed: boolean;
  readonly items: readonly FineItem[];
}

/** Every province's versions, oldest first. */
export type ScheduleBook = Readonly<Record<ProvinceCode, readonly ScheduleVersion[]>>;
