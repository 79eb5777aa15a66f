/**
 * Which licence each citizen gets: states, points and full-score count. A demo-size population
 * (≥ `COVERAGE_CITIZENS` citizens) first places a fixed coverage plan — the cast's licences, every
 * R-ELG-4 blocking state (some combined with a second state, as the real field "HS" is), points at
 * 0, 3, 6, 9, 10 and 11, and a licence blocked only by R-ELG-5 (three full scores in the cycle) — and
 * draws the rest at random. Points are always a sum of 163号令 §7 tiers and stay below 12 except in
 * state B (超分, 记满12分).
 */
import { BLOCKING_LICENCE_STATES, FULL_SCORE, type LicenceStateCode } from "@jg/rules";
import { type Random } from "./random";

/** Citizens needed for the coverage plan (and the demo cast). */
export const COVERAGE_CITIZENS = 20;

/** Tiers an offence may carry below the full score (163号令 §7), as ledger entries. */
export const ENTRY_TIERS = [1, 3, 6, 9] as const;

export type LicenceProfile = { states: LicenceStateCode[]; pointEntries: number[]; fullScoreCountInCycle: number };

/** R-ELG-4 states paired with a second state in the plan (the field holds several letters, e.g. "HS"). */
const PAIRED: Partial<Record<LicenceStateCode, LicenceStateCode>> = { S: "H", D: "H", M: "S" };
/** States that do not block (R-ELG-4 does not list them) and appear now and then. */
const NON_BLOCKING_EXTRA: readonly LicenceStateCode[] = ["H", "I", "N", "P", "T"];

/** Random point entries summing to less than 12: mostly none, sometimes a few offences. */
function randomPointEntries(rng: Random): number[] {
  const offences = rng.weighted([[0, 55], [1, 24], [2, 13], [3, 8]] as const);
  const entries: number[] = [];
  let total = 0;
  for (let i = 0; i < offences; i++) {
    const tier = rng.weighted([[1, 35], [3, 35], [6, 22], [9, 8]] as const);
    if (total + tier < FULL_SCORE) {
      entries.push(tier);
      total += tier;
    }
  }
  return entries;
}

/** Entries reaching the full score, for a licence in state B. */
function fullScoreEntries(rng: Random): number[] {
  return [...rng.pick([[12], [9, 3], [6, 6], [9, 1, 1, 1], [6, 3, 3]] as const)];
}

function withState(rng: Random, states: LicenceStateCode[], extra: Partial<LicenceProfile> = {}): LicenceProfile {
  const sorted = [...new Set(states)].sort();
  const blockedByFullScore = sorted.includes("B");
  return {
    states: sorted,
    pointEntries: extra.pointEntries ?? (blockedByFullScore ? fullScoreEntries(rng) : randomPointEntries(rng)),
    fullScoreCountInCycle: extra.fullScoreCountInCycle ?? (blockedByFullScore ? rng.int(1, 2) : 0),
  };
}

function randomProfile(rng: Random): LicenceProfile {
  const kind = rng.weighted([["clean", 90], ["blocked", 6], ["other", 4]] as const);
  const states: LicenceStateCode[] = kind === "clean" ? ["A"] : kind === "blocked" ? [rng.pick(BLOCKING_LICENCE_STATES)] : [rng.pick(NON_BLOCKING_EXTRA)];
  const fsc = states.includes("B") ? rng.int(1, 3) : rng.weighted([[0, 96], [1, 3], [2, 0.7], [3, 0.3]] as const);
  return withState(rng, states, { fullScoreCountInCycle: fsc });
}

/**
 * The coverage plan, in citizen order: cast first (citizen 0 pts, otherCitizen 3, highPoints 9, lessee
 * 0), then 6 pts with three full scores (R-ELG-5 only), 10, 11, then one licence per blocking state.
 */
function coveragePlan(rng: Random): LicenceProfile[] {
  const plan: LicenceProfile[] = [
    withState(rng, ["A"], { pointEntries: [] }),
    withState(rng, ["A"], { pointEntries: [3] }),
    withState(rng, ["A"], { pointEntries: [6, 3] }),
    withState(rng, ["A"], { pointEntries: [] }),
    withState(rng, ["A"], { pointEntries: [3, 3], fullScoreCountInCycle: 3 }),
    withState(rng, ["A"], { pointEntries: [9, 1] }),
    withState(rng, ["A"], { pointEntries: [6, 3, 1, 1] }),
  ];
  for (const state of BLOCKING_LICENCE_STATES) {
    const second = PAIRED[state];
    plan.push(withState(rng, second ? [state, second] : [state]));
  }
  return plan;
}

/** One profile per citizen; the coverage plan first when there are enough citizens. */
export function licenceProfiles(rng: Random, citizens: number): LicenceProfile[] {
  const plan = citizens >= COVERAGE_CITIZENS ? coveragePlan(rng) : [];
  const out = plan.slice(0, citizens);
  while (out.length < citizens) out.push(randomProfile(rng));
  return out;
}
