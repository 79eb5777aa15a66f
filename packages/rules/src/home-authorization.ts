/**
 * What the home platform decides before a province may let a user handle a violation (docs/design.md §4 step 2):
 * - R-ELG-1a: the user owns the vehicle, or filed it, or leases it; it is a small car;
 * - R-ELG-1b, R-ELG-1c: non-operating, not transferred out, scrapped, deregistered or stolen;
 * - R-ELG-2: epidemic policy: company vehicles, filed large/medium vehicles and motorcycles;
 * - R-ELG-3: a filed vehicle's violations with points only from the moment the filing took effect
 *   (inclusive: a violation at the very instant of the filing's effect is covered by it);
 * - R-ELG-3E: the epidemic policy lifts that limit;
 * - R-ELG-4, R-ELG-5, R-ELG-6: the licence (see `licence.ts`);
 * - R-ELG-7: a lessee or temporary driver handles only camera-recorded violations within
 *   [leaseStart, leaseEnd).
 * Every reason that applies is listed.
 */
import { decide, deny } from "./denial";
import { requireCount, requireDate } from "./input";
import { licenceDenials } from "./licence";
import {
  type CaptureSource,
  type Decision,
  type Denial,
  type LicenceFacts,
  type PolicySet,
  type VehicleFacts,
  type VehicleRelation,
} from "./types";
import { vehicleDenials, type VehicleAccessKind } from "./vehicle";

/** The violation facts the home platform needs. */
export type HomeViolationFacts = {
  occurredAt: Date;
  points: number;
  source: CaptureSource;
  provinceCode: string;
};

/** Input of `decideHomeAuthorization`. */
export type HomeAuthorizationInput = {
  violation: HomeViolationFacts;
  /** The acting user's licence, or null when none is linked. */
  licence: LicenceFacts | null;
  vehicle: VehicleFacts;
  /** How the user relates to the vehicle at the time of the request, or null for no relation. */
  relation: VehicleRelation | null;
  /** The policy in force (`policyFor(now, "50")`). */
  policy: PolicySet;
  now: Date;
};

function accessKind(relation: VehicleRelation): VehicleAccessKind {
  if (relation.kind === "OWNER") return "OWNER";
  if (relation.kind === "FILED") return "FILED";
  return "LEASED";
}

/** The denials about the user's relation to the vehicle (R-ELG-1a, R-ELG-3, R-ELG-3E, R-ELG-7). */
function relationDenials(input: HomeAuthorizationInput, relation: VehicleRelation): Denial[] {
  const { violation, policy } = input;
  const occurred = violation.occurredAt.getTime();
  if (relation.kind === "FILED") {
    requireDate("relation.effectiveAt", relation.effectiveAt);
    const beforeFiling = occurred < relation.effectiveAt.getTime();
    return beforeFiling && violation.points > 0 && !policy.preFilingViolations ? [deny("BEFORE_FILING")] : [];
  }
  if (relation.kind === "LESSEE" || relation.kind === "TEMPORARY_DRIVER") {
    requireDate("relation.leaseStart", relation.leaseStart);
    requireDate("relation.leaseEnd", relation.leaseEnd);
    const denials: Denial[] = [];
    if (violation.source !== "CAMERA") denials.push(deny("LEASE_NOT_CAMERA_RECORDED"));
    if (occurred < relation.leaseStart.getTime() || occurred >= relation.leaseEnd.getTime()) {
      denials.push(deny("OUTSIDE_LEASE"));
    }
    return denials;
  }
  return [];
}

/** The home platform's denials (shared with the eligibility view). */
export function homeDenials(input: HomeAuthorizationInput): Denial[] {
  requireDate("violation.occurredAt", input.violation.occurredAt);
  requireDate("now", input.now);
  requireCount("violation.points", input.violation.points);
  const { relation } = input;
  const denials: Denial[] =
    relation === null
      ? [deny("NOT_DRIVERS_VEHICLE")]
      : [...vehicleDenials(input.vehicle, accessKind(relation), input.policy), ...relationDenials(input, relation)];
  return [...denials, ...licenceDenials(input.licence, input.violation.points)];
}

/**
 * May this user handle this violation, as far as the home platform is concerned? (R-ELG-1a/b/c,
 * R-ELG-2, R-ELG-3, R-ELG-3E, R-ELG-4, R-ELG-5, R-ELG-6, R-ELG-7.) Without a relation to the vehicle
 * the vehicle-type rules are not evaluated: they would only repeat that the vehicle is not the user's.
 */
export function decideHomeAuthorization(input: HomeAuthorizationInput): Decision {
  return decide(homeDenials(input));
}
