/**
 * Where a violation is handled and disputed.
 * - R-OOP-1: a violation is handled on the platform of the province where it occurred, under that
 *   province's fine schedule (discretion standard), which may differ from the home province's; the home
 *   platform hands the user over. (处理程序规定 §5, docs/domain-facts.md §8: the occurrence-place authority
 *   decides, by the occurrence-place standard.)
 * - R-OBJ-1: a dispute about the facts goes to the traffic police of the place where the violation
 *   occurred, never to the platform.
 */
import { decide, deny } from "./denial";
import { type Decision, type Denial } from "./types";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

/** Who handles a violation and whose fine schedule applies (R-OOP-1). */
export type HandlingProvince = { handledBy: string; fineSchedule: string; outOfProvince: boolean };

/** R-OOP-1: the occurrence province handles, by its own fine schedule. */
export function handlingProvince(
  violation: { provinceCode: string },
  homeProvinceCode: string = HOME_PROVINCE_CODE,
): HandlingProvince {
  return {
    handledBy: violation.provinceCode,
    fineSchedule: violation.provinceCode,
    outOfProvince: violation.provinceCode !== homeProvinceCode,
  };
}

/**
 * R-OOP-1: may the platform of `servingProvinceCode` handle this violation itself? Only the occurrence
 * province's may; another platform refuses and hands the user over.
 */
export function decideHandlingPlatform(violation: { provinceCode: string }, servingProvinceCode: string): Decision {
  return decide(
    violation.provinceCode === servingProvinceCode
      ? []
      : [deny("HANDLED_BY_OCCURRENCE_PROVINCE", { province: violation.provinceCode })],
  );
}

/** Where an objection goes (R-OBJ-1). */
export type ObjectionAuthority = {
  kind: "OCCURRENCE_TRAFFIC_POLICE";
  provinceCode: string;
  /** The recording agency's 6-digit area code when known, which names the local traffic police. */
  agencyAreaCode?: string;
  /** Always false: the platform does not take objections. */
  onPlatform: false;
  /** The denial a platform answers when asked to take an objection. */
  denial: Denial;
};

/** R-OBJ-1: the traffic police of the occurrence place, never the platform. */
export function objectionAuthority(violation: { provinceCode: string; agencyAreaCode?: string }): ObjectionAuthority {
  const authority: ObjectionAuthority = {
    kind: "OCCURRENCE_TRAFFIC_POLICE",
    provinceCode: violation.provinceCode,
    onPlatform: false,
    denial: deny("OBJECTION_NOT_ON_PLATFORM"),
  };
  if (violation.agencyAreaCode !== undefined) authority.agencyAreaCode = violation.agencyAreaCode;
  return authority;
}
