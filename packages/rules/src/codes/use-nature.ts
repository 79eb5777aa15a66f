/**
 * Use natures (使用性质, field `syxz`), docs/domain-facts.md §5.3 [B]. The type admits every letter A..Z because
 * other letters exist in real data (school buses, 预约出租) whose meaning was NOT FOUND; they are named
 * "unknown" here and never count as non-operating.
 */
export const USE_NATURES: Readonly<Partial<Record<UseNatureCode, string>>> = {
  A: "非营运",
  B: "公路客运",
  C: "公交客运",
  D: "出租客运",
  E: "旅游客运",
  F: "货运",
  G: "租赁",
  H: "警用",
  I: "消防",
  J: "救护",
  K: "工程救险",
  L: "营转非",
  M: "出租转非",
  N: "教练",
  R: "危化品运输",
  Z: "其他",
};

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
