import { AppFault, badUserInput as badInput, parsedInput } from "@jg/errors";
import { z } from "zod";
import { isProvinceCode } from "../catalogue/provinces";
import { violationCode } from "../codes/violation-codes";
import { defaultSchedule } from "./defaults";
import { problemsOf } from "./legal-range";
import { toItem } from "./figures";
import { type ScheduleBook, type ScheduleVersion } from "./schedule.types";

/**
 * One deployment override of a fine figure, e.g. to set a NOT FOUND amount once it is known. Parsed
 * with zod from the service's config.
 */
export const fineOverrideSchema = z.object({
  /** The province whose schedule changes. */
  provinceCode: z.string().regex(/^[0-9]{2}$/),
  /** The version to change (e.g. "50@2021-04-20"); default: every version of the province. */
  version: z.string().min(1).optional(),
  /** The violation code (an alias such as 1344 is resolved to its current code). */
  code: z.string().min(1),
  /** The fine in yuan; 0 with `warningOnly`. */
  fineYuan: z.number().int().min(0),
  /** A warning instead of a fine; default false. */
  warningOnly: z.boolean().default(false),
  /** Where the figure comes from; required, since every figure cites a source. */
  source: z.string().trim().min(1),
  /** Whether the figure is still an assumption; default false (an override usually records a found figure). */
  assumed: z.boolean().default(false),
});

/** An override as written in config (defaults not yet applied). */
export type FineOverride = z.input<typeof fineOverrideSchema>;

/**
 * A copy of `base` with the overrides applied in order (a later override of the same item wins).
 * A province the book does not list starts from its default schedule. Throws an `AppFault`:
 * INVALID_PROVINCE_CODE, UNKNOWN_VIOLATION_CODE, or BAD_USER_INPUT for a malformed override, an unknown
 * version, or a figure outside the legal range of its offence (R-ELG-1e depends on these amounts).
 */
export function withScheduleOverrides(base: ScheduleBook, overrides: readonly FineOverride[]): ScheduleBook {
  const book: Record<string, readonly ScheduleVersion[]> = { ...base };
  for (const raw of overrides) {
    const o = parsedInput(fineOverrideSchema, raw, { subject: "override", context: "fine override" });
    if (!isProvinceCode(o.provinceCode)) throw new AppFault("INVALID_PROVINCE_CODE", { params: { code: o.provinceCode } });
    const entry = violationCode(o.code);
    if (!entry) throw new AppFault("UNKNOWN_VIOLATION_CODE", { params: { code: o.code } });
    const item = toItem(entry.code, { fineYuan: o.fineYuan, warningOnly: o.warningOnly, source: o.source, assumed: o.assumed });
    const problems = problemsOf(item, entry);
    if (problems.length > 0) throw badInput(`fine override ${o.provinceCode}/${o.code}: ${problems.join("; ")}`);
    const versions = book[o.provinceCode] ?? [defaultSchedule(o.provinceCode)];
    if (o.version !== undefined && !versions.some((v) => v.version === o.version)) {
      throw badInput(`fine override: province ${o.provinceCode} has no schedule version ${o.version}`);
    }
    book[o.provinceCode] = versions.map((v) =>
      o.version === undefined || v.version === o.version
        ? Object.freeze({ ...v, items: Object.freeze(v.items.map((i) => (i.code === entry.code ? item : i))) })
        : v,
    );
  }
  return Object.freeze(book);
}
