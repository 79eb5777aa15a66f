/**
 * Shared inputs for the rules' tests: an input that every rule allows, which each case then changes in
 * exactly the way it tests. Not exported from the package.
 */
import { type EligibilityInput } from "./eligibility";
import { type HomeAuthorizationInput } from "./home-authorization";
import { STANDARD_POLICY } from "./policy";
import { type ProvinceHandlingInput } from "./province-handling";
import { type LicenceFacts, type VehicleFacts } from "./types";

/** 2024-03-05 10:00 CST: a weekday morning, far from the maintenance window. */
const MORNING = new Date("2024-03-05T10:00:00+08:00");

/** A CST wall-clock time as an instant (`cst("2024-03-05T22:00:00")`). */
export function cst(local: string): Date {
  return new Date(`${local}+08:00`);
}

export function provinceInput(overrides: Partial<ProvinceHandlingInput> = {}): ProvinceHandlingInput {
  return {
    violation: { fineYuan: 200, points: 6, warningOnly: false, source: "CAMERA", status: "UNHANDLED", provinceCode: "50" },
    platformOpen: true,
    noticeAccepted: true,
    now: MORNING,
    ...overrides,
  };
}

export function homeInput(overrides: Partial<HomeAuthorizationInput> = {}): HomeAuthorizationInput {
  return {
    violation: { occurredAt: cst("2024-03-01T08:00:00"), points: 3, source: "CAMERA", provinceCode: "50" },
    licence: { states: ["A"], points: 0, reservedPoints: 0, fullScoreCountInCycle: 0 },
    vehicle: { plateType: "02", useNature: "A", states: ["A"], ownerKind: "PERSON" },
    relation: { kind: "OWNER" },
    policy: STANDARD_POLICY,
    now: MORNING,
    ...overrides,
  };
}

export function eligibilityInput(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  const province = provinceInput();
  const home = homeInput();
  return {
    ...home,
    platformOpen: province.platformOpen,
    violation: { ...province.violation, ...home.violation },
    ...overrides,
  };
}

/** Test input with the default licence changed by `facts`. */
export function licence(facts: Partial<LicenceFacts>): Partial<HomeAuthorizationInput> {
  return { licence: { ...(homeInput().licence as LicenceFacts), ...facts } };
}
/** The default vehicle changed by `facts`. */
export function vehicle(facts: Partial<VehicleFacts>): VehicleFacts {
  return { ...homeInput().vehicle, ...facts };
}
/** The default violation changed by `facts`. */
export function violation(facts: Partial<HomeAuthorizationInput["violation"]>): HomeAuthorizationInput["violation"] {
  return { ...homeInput().violation, ...facts };
}
/** When the test filing took effect, and the test lease. */
export const FILED_AT = cst("2024-03-01T08:00:00");
export const LEASE = { leaseStart: cst("2024-03-01T09:00:00"), leaseEnd: cst("2024-03-03T09:00:00") };
