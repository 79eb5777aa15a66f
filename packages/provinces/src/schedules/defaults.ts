import { VIOLATION_CODES } from "../codes/violation-codes";
import { SRC } from "../sources";
import { assumed, toItem, warning, type Figure } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/**
 * The figure used for a code when a province's figure is NOT FOUND. Every value is an assumption of
 * this package inside the national range (§90/§93: ¥20–200; §99: ¥200–2000), picked near the middle of
 * what the real records of docs/domain-facts.md §2 show for comparable offences; speeding under 10% on an
 * ordinary road is a warning, as in the Anhui 2022 Q&A.
 */
const DEFAULT_FIGURES: Readonly<Record<string, Figure>> = {
  "1625": assumed(200),
  "1116": assumed(100),
  "1117": assumed(100),
  "1039": assumed(150),
  "10391": assumed(100),
  "10393": assumed(100),
  "10394": assumed(100),
  "1120": assumed(50),
  "1362": assumed(100),
  "1357": assumed(200),
  "1373": assumed(200),
  "9001": assumed(100),
  "9002": assumed(100),
  "9003": assumed(100),
  "9004": assumed(100),
  "9005": assumed(100),
  "9006": assumed(100),
  "9007": assumed(100),
  "9008": assumed(200),
  "9009": warning(SRC.assumedWarning, true),
  "9010": assumed(100),
  "1303": assumed(200),
  "9011": assumed(1000, SRC.assumedSection99),
  "9012": assumed(200),
  "4305": assumed(200),
  "9013": assumed(1500, SRC.assumedSection99),
  "4008": assumed(200),
  "9014": assumed(200),
  "9015": assumed(200),
  "1211": assumed(100),
  "1208": assumed(100),
  "1019": assumed(100),
  "1018": assumed(100),
  "7012": assumed(50),
  "9016": assumed(100),
};

/** The date 道路交通安全法 came into force (§124), before which no schedule of this package applies. */
export const NATIONAL_LAW_IN_FORCE = "2004-05-01";

/** What a province file states about a version besides its figures. */
export interface VersionMeta {
  readonly effectiveFrom: string;
  readonly effectiveFromAssumed: boolean;
  readonly source: string;
}

/**
 * Builds a version holding an item for every known code: the province's own figures where given,
 * the assumed defaults otherwise (each still marked assumed).
 */
export function buildVersion(
  provinceCode: string,
  meta: VersionMeta,
  figures: Readonly<Record<string, Figure>>,
): ScheduleVersion {
  for (const code of Object.keys(figures)) {
    if (!DEFAULT_FIGURES[code]) throw new Error(`schedule ${provinceCode}@${meta.effectiveFrom} names unknown code ${code}`);
  }
  const items = VIOLATION_CODES.map((entry) => {
    const figure = figures[entry.code] ?? DEFAULT_FIGURES[entry.code];
    if (!figure) throw new Error(`no default figure for violation code ${entry.code}`);
    return toItem(entry.code, figure);
  });
  return Object.freeze({
    provinceCode,
    version: `${provinceCode}@${meta.effectiveFrom}`,
    effectiveFrom: meta.effectiveFrom,
    source: meta.source,
    effectiveFromAssumed: meta.effectiveFromAssumed,
    items: Object.freeze(items),
  });
}

/**
 * The schedule of a province without researched data: one version from the national law's in-force
 * date in which every figure is assumed (inside ¥20–200, or ¥200–2000 for §99 offences).
 */
export function defaultSchedule(provinceCode: string): ScheduleVersion {
  return buildVersion(
    provinceCode,
    {
      effectiveFrom: NATIONAL_LAW_IN_FORCE,
      effectiveFromAssumed: false,
      source: `No provincial schedule researched: ${SRC.roadTrafficLaw} §124 (in force 2004-05-01); every figure ASSUMED`,
    },
    {},
  );
}
