/**
 * Chongqing plates (渝) that `parsePlate` accepts, unique in the population.
 *
 * ASSUMED (docs/domain-facts.md has no plate-issuing facts): the authority letters A, B, C, D, F, G, H are the
 * ones commonly seen on Chongqing plates (A the main urban area, most frequent); which district each
 * covers is not modelled. Serial shapes follow the grammar of `@jg/provinces` (GA 36 as commonly
 * described): ordinary plates mostly 5 digits or a letter and 4 digits; small new-energy (52) "D/F" +
 * letter or digit + 4 digits; large new-energy (51) 5 digits + "D/F". Special plates (police 警, coach
 * 学, embassy 使 …) carry a trailing character in reality that the shared grammar does not admit, so
 * they are issued ordinary-looking serials here.
 */
import { type PlateTypeCode } from "@jg/rules";
import { type Uniques } from "./people";
import { type Random } from "./random";

/** Authority letters used on generated Chongqing plates (ASSUMED, see above). */
export const CHONGQING_AUTHORITY_LETTERS = ["A", "B", "C", "D", "F", "G", "H"] as const;

const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "0123456789";

function serial(rng: Random, plateType: PlateTypeCode): string {
  if (plateType === "52") return rng.pick(["D", "F"]) + rng.string(LETTERS + DIGITS, 1) + rng.string(DIGITS, 4);
  if (plateType === "51") return rng.string(DIGITS, 5) + rng.pick(["D", "F"]);
  const shape = rng.weighted([["ddddd", 40], ["Ldddd", 40], ["LLddd", 12], ["dLddd", 8]] as const);
  return [...shape].map((c) => rng.string(c === "L" ? LETTERS : DIGITS, 1)).join("");
}

/** A new unique plate of the given type. */
export function newPlate(rng: Random, uniques: Uniques, plateType: PlateTypeCode): string {
  for (;;) {
    const authority = rng.weighted([["A", 64], ["B", 8], ["C", 6], ["D", 6], ["F", 6], ["G", 5], ["H", 5]] as const);
    const plate = `渝${authority}${serial(rng, plateType)}`;
    if (!uniques.plates.has(plate)) {
      uniques.plates.add(plate);
      return plate;
    }
  }
}
