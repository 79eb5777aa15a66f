/**
 * The shapes every rule works on. Plain data only: dates are `Date` instants (the rules convert to China
 * Standard Time arithmetically where a local day matters), money is integer yuan unless named `…Fen`.
 */
import { type DenialCode } from "@jg/errors";
import { type LicenceStateCode, type PlateTypeCode, type UseNatureCode, type VehicleStateCode } from "./codes";

export type { LicenceStateCode, PlateTypeCode, UseNatureCode, VehicleStateCode } from "./codes";
export type { DenialCode } from "@jg/errors";

/** One reason for a refusal: a stable code, the rule behind it, and the message in both languages. */
export type Denial = {
  code: DenialCode;
  ruleId: string;
  message: { zh: string; en: string };
};

/** The answer of every `decide…` function: allowed, or refused with every reason that applies. */
export type Decision = { ok: true } | { ok: false; denials: Denial[] };

/** How a violation was recorded: by traffic technical monitoring equipment, or on the spot by an officer. */
export type CaptureSource = "CAMERA" | "ON_SITE";

/** Handling and payment status of a violation in its occurrence province. */
export type ViolationStatus = "UNHANDLED" | "HANDLED_UNPAID" | "PAID";

/** Who owns a vehicle (R-FIL-6: a company's vehicle is filed through its manager). */
export type OwnerKind = "PERSON" | "COMPANY";

/** The vehicle facts the rules need. */
export type VehicleFacts = {
  plateType: PlateTypeCode;
  useNature: UseNatureCode;
  states: VehicleStateCode[];
  ownerKind: OwnerKind;
};

/** The licence facts the rules need; points are those of the current scoring cycle. */
export type LicenceFacts = {
  states: LicenceStateCode[];
  /** Points recorded on the licence in the current cycle. */
  points: number;
  /** Points held for handled-but-unpaid violations (the home platform's reservation, R-ELG-6). */
  reservedPoints: number;
  /** How many times the licence reached 12 points in the current cycle (R-ELG-5). */
  fullScoreCountInCycle: number;
};

/** How the acting user relates to the vehicle. */
export type VehicleRelation =
  | { kind: "OWNER" }
  | { kind: "FILED"; effectiveAt: Date }
  | { kind: "LESSEE" | "TEMPORARY_DRIVER"; leaseStart: Date; leaseEnd: Date };

/** The set of policies in force for a date and province (see `policyFor`). */
export type PolicySet = {
  name: "standard" | "epidemic-2020";
  /** R-ELG-2, R-FIL-6: a driver may file a company's small non-operating vehicle and handle its violations. */
  companyVehicleFiling: boolean;
  /** R-ELG-2: a driver may handle violations of filed non-operating large/medium vehicles and motorcycles. */
  filedLargeVehiclesAndMotorcycles: boolean;
  /** R-ELG-3E: violations from before the filing took effect may be handled too. */
  preFilingViolations: boolean;
  /**
   * DF-9.1 (docs/domain-facts.md §9.1, other provinces after 2020): at most `perDay` filing applications a day and
   * `perYear` a calendar year. Absent (the default) means no such limit: the Chongqing 2020 manual has none.
   */
  filingApplicationLimits?: { perDay: number; perYear: number };
};
