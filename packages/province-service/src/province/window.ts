import { DEFAULT_MAINTENANCE, HOME_PROVINCE_CODE } from "@jg/provinces";
import { type DailyWindow } from "@jg/rules";

/** A province's nightly window (R-MNT-1) as shown to users and as the rules take it. */
export interface ProvinceWindow {
  from: string;
  to: string;
  /** Minutes since CST midnight, for `@jg/rules`. */
  daily: DailyWindow;
  /** True unless it is Chongqing's window from the manual (other provinces': NOT FOUND, docs/domain-facts.md §9.4). */
  assumed: boolean;
  source: string;
}

function minutes(hhmm: string): number {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
}

/** The window of `provinceCode`: the configured one, else Chongqing's 22:00–01:00. */
export function provinceWindow(provinceCode: string, configured?: { from: string; to: string }): ProvinceWindow {
  const { from, to } = configured ?? DEFAULT_MAINTENANCE;
  const manual = provinceCode === HOME_PROVINCE_CODE && from === DEFAULT_MAINTENANCE.from && to === DEFAULT_MAINTENANCE.to;
  return {
    from,
    to,
    daily: { startMinute: minutes(from), endMinute: minutes(to) },
    assumed: !manual,
    source: manual
      ? "Chongqing 交管12123 manual 2020-02-12 (R-MNT-1)"
      : configured
        ? "ASSUMED: set by this deployment's configuration; not found in docs/domain-facts.md (§9.4)"
        : "ASSUMED: Chongqing's window (R-MNT-1) used because this province's was NOT FOUND (docs/domain-facts.md §9.4)",
  };
}
