import { isProvinceCode } from "../catalogue/provinces";
import { type ProvinceCode } from "../catalogue/province.types";
import { err, ok, unwrap, type Result } from "../result";

/** A parsed violation ID. */
export interface ParsedViolationId {
  readonly id: string;
  /** The recording agency's area code: the first 6 digits. */
  readonly areaCode: string;
  /** The occurrence province: the first 2 digits. */
  readonly provinceCode: ProvinceCode;
  /** The last 10 digits, zero-padded. */
  readonly serial: string;
}

/** Digits in an ID: 6 for the area, 10 for the serial (docs/design.md §3, like the 16-digit camera 序号, docs/domain-facts.md §7). */
export const VIOLATION_ID_LENGTH = 16;
const SERIAL_DIGITS = 10;
const MAX_SERIAL = 10n ** BigInt(SERIAL_DIGITS) - 1n;

/**
 * Checks a 6-digit area code: ASCII digits, a known province first, and a prefecture part (digits
 * 3–4) other than "00". A recording agency sits at prefecture or county level; the province-level
 * "xx0000" is not one. Police-unit prefixes such as Chongqing's 504500 pass (docs/domain-facts.md §5.1).
 */
export function checkAreaCode(areaCode: string): Result<string> {
  if (!/^[0-9]{6}$/.test(areaCode)) return err("INVALID_VIOLATION_ID", `an area code is 6 ASCII digits, got "${areaCode}"`);
  const province = areaCode.slice(0, 2);
  if (!isProvinceCode(province)) return err("INVALID_VIOLATION_ID", `area code ${areaCode} starts with ${province}, which is not a province code`);
  if (areaCode.slice(2, 4) === "00") return err("INVALID_VIOLATION_ID", `area code ${areaCode} names a whole province, not a recording agency's area`);
  return ok(areaCode);
}

/**
 * Parses a violation ID: exactly 16 ASCII digits whose first six are a plausible area code (see
 * `checkAreaCode`), so the first two are the occurrence province. With `expectedProvince`, also
 * refuses an ID recorded in another province — a shard uses it to refuse work that is not its own.
 */
export function parseViolationId(id: string, expectedProvince?: ProvinceCode): Result<ParsedViolationId> {
  if (typeof id !== "string" || !/^[0-9]+$/.test(id)) {
    return err("INVALID_VIOLATION_ID", "a violation ID consists of ASCII digits only");
  }
  if (id.length !== VIOLATION_ID_LENGTH) {
    return err("INVALID_VIOLATION_ID", `a violation ID has ${VIOLATION_ID_LENGTH} digits, got ${id.length}`);
  }
  const area = checkAreaCode(id.slice(0, 6));
  if (!area.ok) return area;
  const provinceCode = id.slice(0, 2);
  if (expectedProvince !== undefined && provinceCode !== expectedProvince) {
    return err("INVALID_VIOLATION_ID", `violation ${id} was recorded in province ${provinceCode}, not ${expectedProvince}`);
  }
  return ok({ id, areaCode: area.value, provinceCode, serial: id.slice(6) });
}

/**
 * Makes a violation ID from the recording agency's area code and a serial (0 … 9 999 999 999),
 * zero-padded to 10 digits. Throws an `AppFault` INVALID_VIOLATION_ID on a bad area code and a
 * RangeError on a negative, fractional or overflowing serial (a programming error, not input).
 */
export function makeViolationId(areaCode: string, serial: number | bigint): string {
  unwrap(checkAreaCode(areaCode), areaCode);
  if (typeof serial === "number" && !Number.isSafeInteger(serial)) {
    throw new RangeError(`a violation serial must be a safe integer, got ${serial}`);
  }
  const n = BigInt(serial);
  if (n < 0n || n > MAX_SERIAL) throw new RangeError(`a violation serial must be 0…${MAX_SERIAL}, got ${n}`);
  return areaCode + n.toString().padStart(SERIAL_DIGITS, "0");
}

/** The occurrence province of a violation ID; throws an `AppFault` INVALID_VIOLATION_ID when malformed. */
export function provinceOfViolationId(id: string): ProvinceCode {
  return unwrap(parseViolationId(id), id).provinceCode;
}
