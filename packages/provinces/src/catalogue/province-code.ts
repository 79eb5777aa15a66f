import { err, ok, type Result } from "../result";
import { isProvinceCode } from "./provinces";
import { type ProvinceCode } from "./province.types";

/** Validates a province code: two ASCII digits naming one of the 31 provinces. */
export function parseProvinceCode(code: string): Result<ProvinceCode> {
  if (typeof code !== "string" || !/^[0-9]{2}$/.test(code)) {
    return err("INVALID_PROVINCE_CODE", `a province code is 2 ASCII digits, got "${String(code)}"`);
  }
  if (!isProvinceCode(code)) return err("INVALID_PROVINCE_CODE", `${code} is not one of the 31 province codes`);
  return ok(code);
}
