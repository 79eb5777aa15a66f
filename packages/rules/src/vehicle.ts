/**
 * Which vehicles the platform serves, shared by handling (home authorization) and filing:
 * - R-ELG-1a: a small car (plate type 02 or 52);
 * - R-ELG-1b: non-operating use;
 * - R-ELG-1c: not transferred out, scrapped, deregistered or stolen;
 * - R-ELG-2: under the epidemic policy, also filed non-operating large/medium vehicles and motorcycles,
 *   and company-owned small non-operating vehicles (which the standard policy does not allow to file).
 * - R-ELG-7: a rental car (use nature G) counts as eligible for its lessee and temporary drivers.
 */
import {
  BLOCKING_VEHICLE_STATES,
  LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES,
  NON_OPERATING_USE_NATURES,
  RENTAL_USE_NATURE,
  SMALL_CAR_PLATE_TYPES,
  type PlateTypeCode,
} from "./codes";
import { deny } from "./denial";
import { type Denial, type PolicySet, type VehicleFacts } from "./types";


/** How the vehicle reaches the user, as far as vehicle-type rules care. */
export type VehicleAccessKind = "OWNER" | "FILED" | "LEASED";

/** True for a small car (R-ELG-1a). */
export function isSmallCar(plateType: PlateTypeCode): boolean {
  return SMALL_CAR_PLATE_TYPES.includes(plateType);
}

/**
 * The denials about the vehicle itself (R-ELG-1a/b/c, R-ELG-2), for a user who owns it, filed it or
 * leases it, under `policy`.
 */
export function vehicleDenials(vehicle: VehicleFacts, access: VehicleAccessKind, policy: PolicySet): Denial[] {
  const denials: Denial[] = [];
  const largeAllowed =
    access === "FILED" &&
    vehicle.ownerKind === "PERSON" &&
    policy.filedLargeVehiclesAndMotorcycles &&
    LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES.includes(vehicle.plateType);
  if (!isSmallCar(vehicle.plateType) && !largeAllowed) {
    denials.push(deny("VEHICLE_NOT_SMALL_CAR", { plateType: vehicle.plateType }));
  }
  const nonOperating =
    NON_OPERATING_USE_NATURES.includes(vehicle.useNature) ||
    (access === "LEASED" && vehicle.useNature === RENTAL_USE_NATURE);
  if (!nonOperating) denials.push(deny("VEHICLE_OPERATING", { useNature: vehicle.useNature }));
  const blocking = vehicle.states.filter((state) => BLOCKING_VEHICLE_STATES.includes(state));
  if (blocking.length > 0) denials.push(deny("VEHICLE_STATE_BLOCKS", { states: blocking.join(",") }));
  if (access === "FILED" && vehicle.ownerKind === "COMPANY" && !policy.companyVehicleFiling) {
    denials.push(deny("COMPANY_VEHICLE_NOT_ALLOWED"));
  }
  return denials;
}
