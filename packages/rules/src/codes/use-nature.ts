/**
 * Use natures (使用性质, field `syxz`). The letters found with certainty are the codes of @jg/provinces'
 * `useNatures` table (docs/domain-facts.md §5.3 [B]); the type admits every letter A..Z because other
 * letters exist in real data (school buses, 预约出租) whose meaning was NOT FOUND: they are "unknown"
 * and never count as non-operating.
 */
export type UseNatureCode =
  | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M"
  | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V" | "W" | "X" | "Y" | "Z";

/**
 * R-ELG-1b: non-operating (非营运) use natures. Only A, read literally. L 营转非 and M 出租转非 (converted
 * from operating use) are arguably non-operating now, but no source says the platform accepts them, so
 * they are left out: refusing a case the platform would allow is the safer error. Add them here if a
 * source turns up.
 */
export const NON_OPERATING_USE_NATURES: readonly UseNatureCode[] = ["A"];

/** R-ELG-7: a short-term or time-share rental car is registered with use nature G 租赁. */
export const RENTAL_USE_NATURE: UseNatureCode = "G";
