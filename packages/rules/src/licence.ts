/**
 * What the driver's licence allows (the home platform owns the licence):
 * - R-ELG-4: no handling while the licence is in any blocking state (a licence holds several at once);
 * - R-ELG-5: no handling after reaching 12 points 3 or more times in the cycle;
 * - R-ELG-6: no handling when the violation's points plus the cycle's points reach 12. The points held
 *   for handled-but-unpaid violations count too, so that two provinces handling at once cannot together
 *   take a driver past 12 however stale either view is.
 */
import { labelOf, licenceStates } from "@jg/provinces";
import { BLOCKING_LICENCE_STATES } from "./codes";
import { deny } from "./denial";
import { requireCount } from "./input";
import { FULL_SCORE } from "./points";
import { type Denial, type LicenceFacts } from "./types";

/** R-ELG-5: full-score count in one cycle from which the platform refuses the driver. */
export const FULL_SCORE_COUNT_LIMIT = 3;

/** The denials about the licence for handling a violation of `violationPoints` points. */
export function licenceDenials(licence: LicenceFacts | null, violationPoints: number): Denial[] {
  if (licence === null) return [deny("NO_LICENCE")];
  requireCount("licence.points", licence.points);
  requireCount("licence.reservedPoints", licence.reservedPoints);
  requireCount("licence.fullScoreCountInCycle", licence.fullScoreCountInCycle);
  const denials: Denial[] = [];
  const blocking = BLOCKING_LICENCE_STATES.filter((state) => licence.states.includes(state));
  if (blocking.length > 0) {
    denials.push(
      deny("LICENCE_STATE_BLOCKS", {
        states: { zh: blocking.map((state) => labelOf(licenceStates, state)!.zh).join("、"), en: blocking.join(", ") },
      }),
    );
  }
  if (licence.fullScoreCountInCycle >= FULL_SCORE_COUNT_LIMIT) {
    denials.push(deny("FULL_SCORE_3_TIMES", { count: licence.fullScoreCountInCycle }));
  }
  const current = licence.points + licence.reservedPoints;
  if (current + violationPoints >= FULL_SCORE) {
    denials.push(deny("POINTS_WOULD_REACH_12", { points: violationPoints, current }));
  }
  return denials;
}
