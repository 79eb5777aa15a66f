import { SRC } from "../sources";
import { businessNoticeEn, businessNoticeZh } from "./business-notice";
import { type ObjectionContact, type Province, type ProvinceCode } from "./province.types";
import { PROVINCE_ROWS } from "./provinces.data";

/**
 * The occurrence place's traffic police hear disputes (R-OBJ-1). The agency is named generically, as
 * the manual does; the phone 122 is assumed (SRC.hotline122) and a deployment may replace it.
 */
function objectionFor(nameZh: string, nameEn: string): ObjectionContact {
  return {
    agencyZh: `违法行为发生地公安机关交通管理部门（${nameZh}）`,
    agencyEn: `Traffic police of the place where the violation occurred (${nameEn})`,
    phone: "122",
    source: `${SRC.cqManual} §六-1 (R-OBJ-1); phone: ${SRC.hotline122}`,
    assumed: true,
  };
}

/** The 31 provinces in GB/T 2260 order. */
export const PROVINCES: readonly Province[] = Object.freeze(
  PROVINCE_ROWS.map(([code, nameZh, nameEn, plate, host, capitalAreaCode, areaCodes]) =>
    Object.freeze({
      code,
      nameZh,
      nameEn,
      plate,
      host,
      platformOpen: true,
      capitalAreaCode,
      areaCodes: Object.freeze([...areaCodes]),
      objection: objectionFor(nameZh, nameEn),
      businessNoticeZh: businessNoticeZh({ nameZh, nameEn }),
      businessNoticeEn: businessNoticeEn({ nameZh, nameEn }),
      source: `${SRC.gbt2260}; ${SRC.plates}${code === "50" ? `; ${SRC.cqPoliceUnit}` : ""}`,
    }),
  ),
);

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));
const BY_PLATE = new Map(PROVINCES.map((p) => [p.plate, p]));

/** The province with this two-digit code, or undefined. */
export function provinceByCode(code: ProvinceCode): Province | undefined {
  return BY_CODE.get(code);
}

/** The province whose plates start with this character (渝 → Chongqing), or undefined. */
export function provinceByPlate(prefixChar: string): Province | undefined {
  return BY_PLATE.get(prefixChar);
}

/** True when `code` is one of the 31 province codes. */
export function isProvinceCode(code: unknown): code is ProvinceCode {
  return typeof code === "string" && BY_CODE.has(code);
}
