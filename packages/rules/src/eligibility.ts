/**
 * The read-only `Violation.eligibility` view: may the viewer handle this violation here, and if not,
 * every reason, from both the occurrence province (R-ELG-1d/e/f, R-DUP-1, R-MNT-1) and the home
 * platform (R-ELG-1a/b/c, R-ELG-2..7), deduplicated by code. The business notice (R-OPS-2) is accepted
 * at the moment of handling, so the view leaves it out unless `noticeAccepted` is given.
 */
import { decide, deny } from "./denial";
import { homeDenials, type HomeAuthorizationInput, type HomeViolationFacts } from "./home-authorization";
import { provinceDenials, type ProvinceHandlingInput, type ProvinceViolationFacts } from "./province-handling";
import { type Decision } from "./types";

/** Input of `decideEligibility`: both sides' inputs, with one violation carrying both sides' facts. */
export type EligibilityInput = Omit<HomeAuthorizationInput, "violation"> &
  Omit<ProvinceHandlingInput, "violation" | "noticeAccepted"> & {
    violation: HomeViolationFacts & ProvinceViolationFacts;
    /** Whether the notice was accepted; default: not evaluated (the view asks "could you handle it"). */
    noticeAccepted?: boolean;
  };

/** Every denial of the province and the home platform together, deduplicated by code. */
export function decideEligibility(input: EligibilityInput): Decision {
  const denials = [...provinceDenials(input), ...homeDenials(input)];
  if (input.noticeAccepted === false) denials.push(deny("NOTICE_NOT_ACCEPTED"));
  return decide(denials);
}
