import { violationCode } from "../codes/violation-codes";
import { SRC } from "../sources";
import { isSimpleProcedure } from "./legal-range";
import { type FineItem } from "./schedule.types";

/** One figure of a province file, before it becomes a `FineItem`. */
export interface Figure {
  readonly fineYuan: number;
  readonly warningOnly: boolean;
  readonly source: string;
  readonly assumed: boolean;
}

/** A figure found in docs/domain-facts.md, with its citation. */
export function cited(fineYuan: number, source: string): Figure {
  return { fineYuan, warningOnly: false, source, assumed: false };
}

/** A figure NOT FOUND and chosen here; `why` says how it was chosen (default: inside ¥20–200). */
export function assumed(fineYuan: number, why: string = SRC.assumedNational): Figure {
  return { fineYuan, warningOnly: false, source: why.startsWith("ASSUMED") ? why : `ASSUMED: ${why}`, assumed: true };
}

/** A warning-only penalty (fine 0). */
export function warning(source: string, isAssumed: boolean): Figure {
  return { fineYuan: 0, warningOnly: true, source, assumed: isAssumed };
}

/**
 * Turns a figure into the item of `code`, taking the points from the code table (163号令) and deriving
 * `simpleProcedure` (§99 offences never qualify). Throws on an unknown code: province files are data
 * written by hand and a typo must fail loudly at load time.
 */
export function toItem(code: string, figure: Figure): FineItem {
  const entry = violationCode(code);
  if (!entry || entry.code !== code) throw new Error(`schedule data names unknown violation code ${code}`);
  return Object.freeze({
    code,
    fineYuan: figure.fineYuan,
    warningOnly: figure.warningOnly,
    simpleProcedure: entry.penaltyBasis !== "§99" && isSimpleProcedure(figure.warningOnly, figure.fineYuan),
    points: entry.points,
    fineSource: figure.source,
    assumed: figure.assumed,
  });
}
