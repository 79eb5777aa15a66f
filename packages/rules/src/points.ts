/**
 * Point tiers (记分分值): since 2022-04-01 an offence carries 12, 9, 6, 3 or 1 points, or none
 * (公安部令第163号 §7; docs/domain-facts.md §1). Violations recorded before that date may carry the old 2-point
 * tier, so services validate new records with `isValidPoints` but the eligibility rules accept any
 * non-negative integer.
 */
export const POINT_TIERS = [12, 9, 6, 3, 1, 0] as const;

/** The full score of a cycle (163号令 §3). */
export const FULL_SCORE = 12;

/** True when `points` is one of the tiers of 163号令 §7 (or 0). */
export function isValidPoints(points: number): boolean {
  return (POINT_TIERS as readonly number[]).includes(points);
}
