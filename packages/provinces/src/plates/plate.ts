import { provinceByPlate } from "../catalogue/provinces";
import { type ProvinceCode } from "../catalogue/province.types";
import { err, ok, type Result } from "../result";

/** A parsed plate number. */
export interface ParsedPlate {
  /** The canonical form, e.g. "渝A12345" (no separator). */
  readonly plate: string;
  readonly provinceCode: ProvinceCode;
  /** The province character, e.g. "渝". */
  readonly prefix: string;
  /** The issuing authority's letter (发牌机关代号), e.g. "A". */
  readonly authority: string;
  /** What follows the authority letter: 5 characters, or 6 for a new-energy plate. */
  readonly serial: string;
  /** True for a green new-energy plate (号牌种类 51/52). */
  readonly newEnergy: boolean;
}

/*
 * The check, kept deliberately simple (GA 36-2014 / GA 36-2018 as commonly described; docs/domain-facts.md has
 * no plate grammar):
 * - one of the 31 province characters, then one upper-case letter A–Z except I and O (the letters GA 36
 *   leaves out of plates to avoid confusion with 1 and 0; this also refuses the police "O" series, which
 *   the platform never handles — R-ELG-1a: small cars only);
 * - ordinary plate: 5 characters from digits and letters except I and O;
 * - new-energy plate, 6 characters: small NEV = D or F, then a letter or digit, then 4 digits
 *   ("D12345", "DF1234"); large NEV = 5 digits then D or F ("12345D"). D = pure electric, F = other.
 * Lower case, spaces, the "·" separator and any other character are rejected: callers normalise
 * display input themselves, the platform stores the canonical form only.
 */
const LETTER = "A-HJ-NP-Z";
const AUTHORITY = new RegExp(`^[${LETTER}]$`);
const ORDINARY = new RegExp(`^[${LETTER}0-9]{5}$`);
const SMALL_NEV = new RegExp(`^[DF][${LETTER}0-9][0-9]{4}$`);
const LARGE_NEV = /^[0-9]{5}[DF]$/;

/** Parses a plate number such as "渝A12345" or "川AD12345". */
export function parsePlate(plate: string): Result<ParsedPlate> {
  if (typeof plate !== "string") return err("INVALID_PLATE", "a plate must be a string");
  const chars = [...plate];
  if (chars.length !== 7 && chars.length !== 8) {
    return err("INVALID_PLATE", `a plate has 7 characters (8 for new energy), got ${chars.length}`);
  }
  const [prefix = "", authority = "", ...rest] = chars;
  const province = provinceByPlate(prefix);
  if (!province) return err("INVALID_PLATE", `"${prefix}" is not a province plate character`);
  if (!AUTHORITY.test(authority)) {
    return err("INVALID_PLATE", `the authority must be an upper-case letter other than I and O, got "${authority}"`);
  }
  const serial = rest.join("");
  const newEnergy = rest.length === 6;
  if (newEnergy ? !(SMALL_NEV.test(serial) || LARGE_NEV.test(serial)) : !ORDINARY.test(serial)) {
    return err(
      "INVALID_PLATE",
      newEnergy
        ? `a new-energy serial is D/F + letter or digit + 4 digits, or 5 digits + D/F; got "${serial}"`
        : `a serial is 5 upper-case letters (not I or O) or digits, got "${serial}"`,
    );
  }
  return ok({ plate, provinceCode: province.code, prefix, authority, serial, newEnergy });
}

/**
 * The display form with the customary middle dot after the authority letter ("渝A·12345"). Throws
 * nothing: an unparseable input is returned unchanged, since display must never fail.
 */
export function formatPlate(plate: string): string {
  const parsed = parsePlate(plate);
  if (!parsed.ok) return plate;
  const { prefix, authority, serial } = parsed.value;
  return `${prefix}${authority}·${serial}`;
}
