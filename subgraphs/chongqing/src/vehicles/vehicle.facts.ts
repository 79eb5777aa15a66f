import type { PlateTypeCode, UseNatureCode, VehicleFacts, VehicleStateCode } from "@jg/rules";
import type { VehicleRow } from "../db/schema";

/** The vehicle facts `@jg/rules` needs (R-ELG-1a/b/c, R-ELG-2). Codes are stored as docs/domain-facts.md §5 letters. */
export function vehicleFacts(row: VehicleRow): VehicleFacts {
  return {
    plateType: row.plateType as PlateTypeCode,
    useNature: row.useNature as UseNatureCode,
    states: row.states as VehicleStateCode[],
    ownerKind: row.ownerKind,
  };
}

/**
 * Stand-in facts for a plate that is not registered in Chongqing. With no relation to the vehicle the
 * rules refuse with NOT_DRIVERS_VEHICLE (R-ELG-1a) and never read these.
 */
export const UNREGISTERED_VEHICLE: VehicleFacts = { plateType: "99", useNature: "Z", states: [], ownerKind: "PERSON" };
