/**
 * Filing another owner's vehicle (机动车备案):
 * - R-FIL-1: vehicles in the user's own name are attached automatically; they are never filed;
 * - R-FIL-2: at most 3 vehicles of other owners filed per user at the same time (active filings only:
 *   a released filing no longer counts, a pending one does, since it holds a place until reviewed);
 * - R-FIL-3: at most 3 filed drivers per vehicle besides its owner (same counting);
 * - R-FIL-4, R-FIL-5: a person's vehicle is filed by scanning the owner's QR code or with an SMS code sent
 *   to the owner's phone;
 * - R-FIL-6, R-ELG-2: a company's small non-operating vehicle is filed only with an SMS code sent to the
 *   manager's phone, and only where the policy allows company vehicles;
 * - which vehicles: those the platform serves when filed (R-ELG-1a/b/c, R-ELG-2; see `vehicle.ts`).
 *   docs/domain-facts.md §9.1 confirms filing is limited to non-operating plate types 02/52;
 * - DF-9.1 (optional, off by default): at most 1 application a day and 5 a calendar year, a rule of
 *   later national practice (docs/domain-facts.md §9.1, https://www.pcauto.com.cn/ask/1531456.html), not of the
 *   Chongqing 2020 manual. Enabled by `policy.filingApplicationLimits`.
 */
import { decide, deny } from "./denial";
import { requireCount } from "./input";
import { type Decision, type Denial, type PolicySet, type VehicleFacts } from "./types";
import { vehicleDenials } from "./vehicle";

/** R-FIL-2: vehicles of other owners a user may have filed at once. */
export const FILING_LIMIT_PER_USER = 3;
/** R-FIL-3: drivers besides the owner a vehicle may have filed at once. */
export const FILING_LIMIT_PER_VEHICLE = 3;
/** DF-9.1: the limits of later practice, for `PolicySet.filingApplicationLimits`. */
export const DF_9_1_FILING_APPLICATION_LIMITS = { perDay: 1, perYear: 5 } as const;

/** How the filing is proved: QR scan (R-FIL-4), SMS to the owner (R-FIL-5) or to the manager (R-FIL-6). */
export type FilingMethod = "QR" | "SMS_OWNER" | "SMS_COMPANY";

/** Input of `decideFiling`. */
export type FilingInput = {
  /** The applicant's active filings (pending review or approved, not released). */
  activeFilingsOfUser: number;
  /** The vehicle's active filed drivers (pending review or approved, not released), owner excluded. */
  activeDriversOfVehicle: number;
  vehicle: VehicleFacts;
  /** True when the vehicle is registered in the applicant's own name. */
  applicantIsOwner: boolean;
  policy: PolicySet;
  method: FilingMethod;
  /** Applications the user made today (CST day), this one excluded; needed only with DF-9.1 limits. */
  applicationsToday?: number;
  /** Applications the user made this calendar year, this one excluded; needed only with DF-9.1 limits. */
  applicationsThisYear?: number;
};

function methodDenials(input: FilingInput): Denial[] {
  if (input.vehicle.ownerKind === "COMPANY") {
    return input.method === "SMS_COMPANY" ? [] : [deny("FILING_METHOD_NEEDS_MANAGER")];
  }
  return input.method === "SMS_COMPANY" ? [deny("FILING_METHOD_NEEDS_OWNER")] : [];
}

function applicationLimitDenials(input: FilingInput): Denial[] {
  const limits = input.policy.filingApplicationLimits;
  if (!limits) return [];
  const today = input.applicationsToday ?? 0;
  const thisYear = input.applicationsThisYear ?? 0;
  requireCount("applicationsToday", today);
  requireCount("applicationsThisYear", thisYear);
  const denials: Denial[] = [];
  if (today >= limits.perDay) denials.push(deny("FILING_DAILY_LIMIT", { limit: limits.perDay }));
  if (thisYear >= limits.perYear) denials.push(deny("FILING_YEARLY_LIMIT", { limit: limits.perYear }));
  return denials;
}

/** May this user file this vehicle now by this method? Lists every reason that applies. */
export function decideFiling(input: FilingInput): Decision {
  requireCount("activeFilingsOfUser", input.activeFilingsOfUser);
  requireCount("activeDriversOfVehicle", input.activeDriversOfVehicle);
  if (input.applicantIsOwner) return decide([deny("OWN_VEHICLE_ATTACHED_AUTOMATICALLY")]);
  const denials: Denial[] = [];
  if (input.activeFilingsOfUser >= FILING_LIMIT_PER_USER) {
    denials.push(deny("FILING_LIMIT_USER", { limit: FILING_LIMIT_PER_USER }));
  }
  if (input.activeDriversOfVehicle >= FILING_LIMIT_PER_VEHICLE) {
    denials.push(deny("FILING_LIMIT_VEHICLE", { limit: FILING_LIMIT_PER_VEHICLE }));
  }
  denials.push(...vehicleDenials(input.vehicle, "FILED", input.policy));
  denials.push(...methodDenials(input));
  denials.push(...applicationLimitDenials(input));
  return decide(denials);
}

/** Where the filing's proof goes. */
export type FilingCodeRecipient = { channel: "QR_SCAN" | "SMS"; to: "OWNER" | "MANAGER"; phone?: string };

/**
 * Who receives the code for each filing method:
 * - QR (R-FIL-4): the owner shows the vehicle's QR code from their own account and the applicant scans
 *   it; nothing is sent;
 * - SMS_OWNER (R-FIL-5): an SMS to the owner's phone;
 * - SMS_COMPANY (R-FIL-6): an SMS to the manager's phone recorded when the vehicle was registered.
 * `phone` is absent when the vehicle record holds none; the service must then refuse the request.
 */
export function filingCodeRecipient(
  method: FilingMethod,
  vehicle: { ownerPhone?: string; managerPhone?: string },
): FilingCodeRecipient {
  switch (method) {
    case "QR":
      return { channel: "QR_SCAN", to: "OWNER" };
    case "SMS_OWNER":
      return vehicle.ownerPhone === undefined
        ? { channel: "SMS", to: "OWNER" }
        : { channel: "SMS", to: "OWNER", phone: vehicle.ownerPhone };
    case "SMS_COMPANY":
      return vehicle.managerPhone === undefined
        ? { channel: "SMS", to: "MANAGER" }
        : { channel: "SMS", to: "MANAGER", phone: vehicle.managerPhone };
  }
}
