/**
 * Reaching 12 points (记分办法 §17): the licence enters state B 超分 (docs/domain-facts.md §5.5) and the cycle's
 * full-score count goes up by one (R-ELG-5 counts them). A count is kept with the start of the cycle
 * it belongs to, so the next cycle starts again from 0. Reaching 12 is counted when the applied points
 * cross from below 12 to 12 or more; after points are cleared (an ADJUSTED entry, §23) a later
 * crossing counts again. Clearing state B is an officer's act after the exam, outside this service.
 */
import { FULL_SCORE } from "@jg/rules";
import { eq } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { licences, type LicenceRow } from "../db/schema";
import { cycleOf, cycleStartDate } from "./cycle";
import { fullScoreCountAt } from "./licence.view";

/** True when applying `added` points to `before` crosses the full score. */
export function crossesFullScore(before: number, added: number): boolean {
  return before < FULL_SCORE && before + added >= FULL_SCORE;
}

/** Records that the locked licence reached 12 points at `now`. */
export async function markFullScore(tx: PlatformDb, licence: LicenceRow, now: Date): Promise<void> {
  const states = licence.states.includes("B") ? licence.states : [...licence.states.filter((s) => s !== "A"), "B"];
  await tx
    .update(licences)
    .set({
      states,
      fullScoreCountInCycle: fullScoreCountAt(licence, now) + 1,
      fullScoreCycleStart: cycleStartDate(cycleOf(licence.firstIssuedOn, now)),
      updatedAt: now,
    })
    .where(eq(licences.number, licence.number));
}
