import { type CodeOf, type vehicleStates } from "@jg/provinces";

/**
 * Motor-vehicle states (机动车状态, field `zt`): the codes of @jg/provinces' `vehicleStates` table
 * (docs/domain-facts.md §5.4 [B]). A vehicle may hold several.
 */
export type VehicleStateCode = CodeOf<typeof vehicleStates>;

/**
 * R-ELG-1c: transferred out (转出 B), scrapped (报废: P, and M 强制注销 which is how scrapping ends),
 * deregistered (注销 E), stolen/robbed (盗抢 C). Mapping from docs/domain-facts.md §5.4.
 */
export const BLOCKING_VEHICLE_STATES: readonly VehicleStateCode[] = ["B", "P", "M", "E", "C"];
