/**
 * Picks from a generated population the members a test needs (the cast's violations, a licence in a
 * blocking state, a licence that a violation would bring to 12 points), and flattens the answers of
 * the "my violations" query. Picks use the population's own data, never hard-coded IDs.
 */
import type { GraphQLResponse } from "@jg/cluster";
import type { Population } from "@jg/population";
import type { MyViolations, ViolationItem } from "./queries";

type ViolationRecord = Population["violations"][number];

/** Every violation of the cast citizen's own car and of the car they file. */
export function castViolations(population: Population): ViolationRecord[] {
  const cast = population.cast!;
  return population.violations.filter((v) => v.plate === cast.citizenPlate || v.plate === cast.filedPlate);
}

/**
 * The violations among `list` that the cast citizen may handle (camera, fine ≤ 200, points ≤ 6,
 * and for the filed car after the filing took effect): what the platform must answer `allowed` for.
 */
export function eligibleOf(population: Population, list: ViolationRecord[]): ViolationRecord[] {
  const cast = population.cast!;
  const filing = population.filings.find((f) => f.accountId === cast.citizen && f.plate === cast.filedPlate);
  return list.filter(
    (v) =>
      v.source === "CAMERA" &&
      v.expected.fineYuan <= 200 &&
      v.expected.points <= 6 &&
      !v.expected.warningOnly &&
      (v.plate === cast.citizenPlate || (filing?.effectiveAt !== undefined && v.occurredAt >= filing.effectiveAt)),
  );
}

/** The violations of vehicles an account owns. */
function ownersViolations(population: Population, accountId: string): ViolationRecord[] {
  const plates = new Set(population.vehicles.filter((v) => v.ownerAccountId === accountId).map((v) => v.plate));
  return population.violations.filter((v) => plates.has(v.plate));
}

/** An account whose licence holds a blocking state (R-ELG-4) and who owns a vehicle with a violation. */
export function pickBlockedLicenceHolder(population: Population, blocking: readonly string[]): { accountId: string; states: string[] } | undefined {
  const licence = population.licences.find(
    (l) => l.states.some((s) => blocking.includes(s)) && ownersViolations(population, l.accountId).length > 0,
  );
  return licence && { accountId: licence.accountId, states: licence.states };
}

/**
 * A clean licence (state A only, fewer than 3 full scores) with an otherwise eligible camera violation
 * of an owned car whose points would bring it to 12 or more (R-ELG-6).
 */
export function pickPointsWouldReach12(population: Population): { accountId: string; violation: ViolationRecord } | undefined {
  for (const l of population.licences) {
    if (l.states.join() !== "A" || l.fullScoreCountInCycle >= 3) continue;
    const violation = ownersViolations(population, l.accountId).find(
      (v) => v.source === "CAMERA" && v.expected.fineYuan <= 200 && v.expected.points > 0 && v.expected.points <= 6 && l.points + v.expected.points >= 12,
    );
    if (violation) return { accountId: l.accountId, violation };
  }
  return undefined;
}

/** Every violation item of a "my violations" answer (nulls left out). */
export function itemsOf(res: GraphQLResponse<MyViolations>): ViolationItem[] {
  return (res.data?.me?.vehicles ?? []).flatMap((a) => a.vehicle?.violations ?? []).filter((v): v is ViolationItem => v !== null);
}

/** The rule IDs of an item's eligibility denials. */
export function ruleIdsOf(item: ViolationItem | undefined): string[] {
  return item?.eligibility.denials.map((d) => d.ruleId) ?? [];
}
