import { type CodeOf, type plateTypes } from "@jg/provinces";

/** Plate types (号牌种类, field `hpzl`): the codes of @jg/provinces' `plateTypes` table (docs/domain-facts.md §5.2 [B]). */
export type PlateTypeCode = CodeOf<typeof plateTypes>;

/** R-ELG-1a: small cars (小型汽车) are plate types 02 and 52 (小型新能源汽车); docs/domain-facts.md §5.2, §9.1. */
export const SMALL_CAR_PLATE_TYPES: readonly PlateTypeCode[] = ["02", "52"];

/**
 * R-ELG-2: "non-operating large and medium vehicles and motorcycles". Large and medium cars share the
 * yellow plate 01 (and 51 for new-energy); motorcycles are 07 and 08. Embassy, foreign, trial and other
 * special plates are not ordinary civilian vehicles and stay excluded.
 */
export const LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES: readonly PlateTypeCode[] = ["01", "51", "07", "08"];
