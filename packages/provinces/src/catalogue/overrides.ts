import { AppFault, parsedInput } from "@jg/errors";
import { z } from "zod";
import { businessNoticeEn, businessNoticeZh } from "./business-notice";
import { isProvinceCode } from "./provinces";
import { type Province } from "./province.types";

/** "HH:MM", China Standard Time. */
const HHMM = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM");

/** What a deployment may change about a province (parsed from the service's config). */
export const provinceOverrideSchema = z.object({
  /** Whether the internet platform is open (R-ELG-1d); default: the data's value (true). */
  platformOpen: z.boolean().optional(),
  /** The dispute contact (R-OBJ-1); given fields replace the data's; a given phone is no longer assumed. */
  objection: z
    .object({
      agencyZh: z.string().min(1).optional(),
      agencyEn: z.string().min(1).optional(),
      phone: z.string().min(1).optional(),
      address: z.string().min(1).optional(),
      source: z.string().min(1),
    })
    .optional(),
  /** The nightly window shown in the business notice (R-MNT-1); default 22:00–01:00. */
  maintenance: z.object({ from: HHMM, to: HHMM }).optional(),
  /** Minutes to pay after handling shown in the notice (R-PAY-1); default 120. */
  paymentMinutes: z.number().int().positive().optional(),
});

/** A province override as written in config. */
export type ProvinceOverride = z.input<typeof provinceOverrideSchema>;

/**
 * A copy of `provinces` with per-code overrides applied. Throws an `AppFault` INVALID_PROVINCE_CODE for
 * an unknown code and BAD_USER_INPUT for a malformed override.
 */
export function withProvinceOverrides(
  provinces: readonly Province[],
  overrides: Readonly<Record<string, ProvinceOverride>>,
): readonly Province[] {
  const parsed = new Map<string, z.output<typeof provinceOverrideSchema>>();
  for (const [code, raw] of Object.entries(overrides)) {
    if (!isProvinceCode(code)) throw new AppFault("INVALID_PROVINCE_CODE", { params: { code } });
    parsed.set(code, parsedInput(provinceOverrideSchema, raw, { subject: "override", context: `province override ${code}` }));
  }
  return Object.freeze(
    provinces.map((p) => {
      const o = parsed.get(p.code);
      if (!o) return p;
      const notice = { nameZh: p.nameZh, nameEn: p.nameEn, maintenance: o.maintenance, paymentMinutes: o.paymentMinutes };
      const changesNotice = o.maintenance !== undefined || o.paymentMinutes !== undefined;
      return Object.freeze({
        ...p,
        platformOpen: o.platformOpen ?? p.platformOpen,
        // Only the phone was assumed; a configured phone makes the contact a found fact.
        objection: o.objection
          ? { ...p.objection, ...o.objection, assumed: o.objection.phone === undefined && p.objection.assumed }
          : p.objection,
        businessNoticeZh: changesNotice ? businessNoticeZh(notice) : p.businessNoticeZh,
        businessNoticeEn: changesNotice ? businessNoticeEn(notice) : p.businessNoticeEn,
      });
    }),
  );
}
