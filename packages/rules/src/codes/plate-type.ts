/** Plate types (号牌种类, field `hpzl`), docs/domain-facts.md §5.2 [B]. */
export const PLATE_TYPES = {
  "01": "大型汽车",
  "02": "小型汽车",
  "03": "使馆汽车",
  "04": "领馆汽车",
  "05": "境外汽车",
  "06": "外籍汽车",
  "07": "普通摩托车",
  "08": "轻便摩托车",
  "09": "使馆摩托车",
  "10": "领馆摩托车",
  "11": "境外摩托车",
  "12": "外籍摩托车",
  "13": "低速车",
  "14": "拖拉机",
  "15": "挂车",
  "16": "教练汽车",
  "17": "教练摩托车",
  "18": "试验汽车",
  "19": "试验摩托车",
  "20": "临时入境汽车",
  "21": "临时入境摩托车",
  "22": "临时行驶车",
  "23": "警用汽车",
  "24": "警用摩托",
  "25": "原农机号牌",
  "26": "香港入出境车",
  "27": "澳门入出境车",
  "51": "大型新能源汽车",
  "52": "小型新能源汽车",
  "99": "其他",
} as const;

export type PlateTypeCode = keyof typeof PLATE_TYPES;

/** R-ELG-1a: small cars (小型汽车) are plate types 02 and 52 (小型新能源汽车); docs/domain-facts.md §5.2, §9.1. */
export const SMALL_CAR_PLATE_TYPES: readonly PlateTypeCode[] = ["02", "52"];

/**
 * R-ELG-2: "non-operating large and medium vehicles and motorcycles". Large and medium cars share the
 * yellow plate 01 (and 51 for new-energy); motorcycles are 07 and 08. Embassy, foreign, trial and other
 * special plates are not ordinary civilian vehicles and stay excluded.
 */
export const LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES: readonly PlateTypeCode[] = ["01", "51", "07", "08"];
