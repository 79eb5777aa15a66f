export { BLOCKING_LICENCE_STATES, type LicenceStateCode } from "./licence-state";
export { BLOCKING_VEHICLE_STATES, type VehicleStateCode } from "./vehicle-state";
export { LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES, SMALL_CAR_PLATE_TYPES, type PlateTypeCode } from "./plate-type";
export { NON_OPERATING_USE_NATURES, RENTAL_USE_NATURE, type UseNatureCode } from "./use-nature";
