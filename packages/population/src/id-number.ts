/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit area code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence (odd for men, even for women), and a check character computed by
 * ISO 7064 MOD 11-2: weights 2^(17-i) mod 11 over the first 17 digits, check = (12 - sum mod 11) mod 11,
 * written "X" for 10. Licence numbers equal the holder's ID number (docs/domain-facts.md §5.5: sfzmhm).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of the first 17 digits of an ID number. */
export function idCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError(`need 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

/** True for an 18-character ID number with a real calendar birth date and a correct check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  return idCheckCharacter(id.slice(0, 17)) === id[17];
}

/** Builds an ID number from an area code, a birth date ("YYYY-MM-DD") and a sequence 0..999. */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  if (!/^[0-9]{6}$/.test(areaCode)) throw new RangeError(`bad area code "${areaCode}"`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new RangeError(`bad sequence ${sequence}`);
  const first17 = areaCode + birthDate.replaceAll("-", "") + String(sequence).padStart(3, "0");
  return first17 + idCheckCharacter(first17);
}

/*
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) of companies: 18 characters from
 * 0-9 and A–Y without I, O, S, V, Z; registration authority (9 = market regulation), entity type
 * (1 = enterprise), 6-digit area code, 9-character organisation code, check character
 * (31 - Σ value·weight mod 31) mod 31 with weights 3^i mod 31. The organisation code's own check digit
 * (GB 11714) is not modelled: the platform only keeps the code as an owner identifier.
 */
const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The alphabet of unified social credit codes (31 characters). */
export const CREDIT_CODE_ALPHABET = CREDIT_ALPHABET;

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`need 17 characters, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a credit-code character`);
    sum += value * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** True for an 18-character unified social credit code with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCheckCharacter(code.slice(0, 17)) === code[17];
}
