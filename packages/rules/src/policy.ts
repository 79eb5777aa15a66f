/**
 * Policies that changed over time, as data (R-ELG-2, R-ELG-3E). The Chongqing manual of 2020-02-12 adds,
 * "during epidemic prevention" (疫情防控期间), company-vehicle filing and handling (R-ELG-2, R-FIL-6),
 * handling for filed large/medium vehicles and motorcycles (R-ELG-2), and pre-filing violations
 * (R-ELG-3E). Which policy set applies is looked up by date and province in a table, never branched on
 * in the rules themselves.
 */
import { cstIsoDate } from "./cst";
import { type PolicySet } from "./types";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

/** The policy of ordinary times: none of the epidemic relaxations. */
export const STANDARD_POLICY: PolicySet = {
  name: "standard",
  companyVehicleFiling: false,
  filedLargeVehiclesAndMotorcycles: false,
  preFilingViolations: false,
};

/** The epidemic relaxations of the 2020 manual (R-ELG-2, R-ELG-3E). */
export const EPIDEMIC_2020_POLICY: PolicySet = {
  name: "epidemic-2020",
  companyVehicleFiling: true,
  filedLargeVehiclesAndMotorcycles: true,
  preFilingViolations: true,
};

/** One period in which a policy set other than the default applies. */
export type PolicyPeriod = {
  policy: PolicySet;
  /** Province codes (GB/T 2260, two digits) the period applies to. */
  provinces: readonly string[];
  /** First CST date of the period, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last CST date of the period, `YYYY-MM-DD`, inclusive. */
  to: string;
  /** True when the dates are an assumption rather than a sourced fact. */
  assumed: boolean;
  /** Where the period comes from, or why it is assumed. */
  source: string;
};

/** A policy table: the default set and the periods that override it (first match wins). */
export type PolicyTable = { standard: PolicySet; periods: readonly PolicyPeriod[] };

/**
 * The default table. The epidemic period's dates are NOT in the manual: it starts on the manual's
 * publication date (2020-02-12, the date it announced the relaxations) and its end, 2020-06-30, is an
 * ASSUMPTION (no source found for when Chongqing withdrew them). Pass your own table to `policyFor`
 * (a service reads it from configuration) to change it.
 */
export const DEFAULT_POLICY_TABLE: PolicyTable = {
  standard: STANDARD_POLICY,
  periods: [
    {
      policy: EPIDEMIC_2020_POLICY,
      provinces: [HOME_PROVINCE_CODE],
      from: "2020-02-12",
      to: "2020-06-30",
      assumed: true,
      source: "Start: Chongqing 12123 manual of 2020-02-12 (original §四; docs/rules.md). End: assumed, not found.",
    },
  ],
};

/**
 * The policy set in force at `at` (the moment of the action: filing or handling, not when the violation
 * occurred) on the platform of `provinceCode`, according to `table` (default `DEFAULT_POLICY_TABLE`).
 * Dates compare as CST calendar dates.
 */
export function policyFor(at: Date, provinceCode: string, table: PolicyTable = DEFAULT_POLICY_TABLE): PolicySet {
  const day = cstIsoDate(at);
  const period = table.periods.find(
    (candidate) => candidate.provinces.includes(provinceCode) && candidate.from <= day && day <= candidate.to,
  );
  return period ? period.policy : table.standard;
}
