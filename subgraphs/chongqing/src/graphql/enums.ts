/**
 * Enums of the platform subgraph. Licence states, use natures and vehicle states keep the real
 * one-letter codes (docs/domain-facts.md §5.3–5.5: the codes frontends will meet in real data), each value
 * described by its Chinese name. Plate types are codes starting with a digit, which GraphQL names
 * cannot, so they get English names with the code in the description (docs/domain-facts.md §5.2).
 * CaptureSource and ViolationStatus are not here: the platform uses the `province` subgraph's own
 * (`@jg/province-service/graphql`), so both subgraphs declare them identically.
 */
import { LICENCE_STATES, PLATE_TYPES, USE_NATURES, VEHICLE_STATES } from "@jg/rules";
import { registerEnumType } from "type-graphql";

/** How an account reaches a vehicle (docs/design.md §7 `VehicleAccess.relation`). */
export enum VehicleRelation {
  OWNER = "OWNER",
  FILED = "FILED",
  LESSEE = "LESSEE",
  TEMPORARY_DRIVER = "TEMPORARY_DRIVER",
}

export enum FilingStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  REJECTED = "REJECTED",
  RELEASED = "RELEASED",
}

export enum FilingMethod {
  QR = "QR",
  SMS = "SMS",
  COMPANY_SMS = "COMPANY_SMS",
}

/** 号牌种类 by English name; the value is the code. */
export enum PlateType {
  LARGE_CAR = "01",
  SMALL_CAR = "02",
  EMBASSY_CAR = "03",
  CONSULATE_CAR = "04",
  OVERSEAS_CAR = "05",
  FOREIGN_CAR = "06",
  MOTORCYCLE = "07",
  LIGHT_MOTORCYCLE = "08",
  EMBASSY_MOTORCYCLE = "09",
  CONSULATE_MOTORCYCLE = "10",
  OVERSEAS_MOTORCYCLE = "11",
  FOREIGN_MOTORCYCLE = "12",
  LOW_SPEED_VEHICLE = "13",
  TRACTOR = "14",
  TRAILER = "15",
  COACH_CAR = "16",
  COACH_MOTORCYCLE = "17",
  TRIAL_CAR = "18",
  TRIAL_MOTORCYCLE = "19",
  TEMPORARY_ENTRY_CAR = "20",
  TEMPORARY_ENTRY_MOTORCYCLE = "21",
  TEMPORARY_VEHICLE = "22",
  POLICE_CAR = "23",
  POLICE_MOTORCYCLE = "24",
  FORMER_AGRICULTURAL_MACHINE = "25",
  HONG_KONG_CROSS_BORDER = "26",
  MACAO_CROSS_BORDER = "27",
  LARGE_NEW_ENERGY = "51",
  SMALL_NEW_ENERGY = "52",
  OTHER = "99",
}

const letters = <T extends string>(codes: readonly T[]) => Object.fromEntries(codes.map((c) => [c, c])) as { [K in T]: K };

export const LicenceState = letters(Object.keys(LICENCE_STATES) as (keyof typeof LICENCE_STATES)[]);
export const VehicleState = letters(Object.keys(VEHICLE_STATES) as (keyof typeof VEHICLE_STATES)[]);
export const UseNature = letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("") as (keyof typeof USE_NATURES)[]);

const described = (names: Readonly<Partial<Record<string, string>>>, codes: readonly string[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: names[code] ?? "未知 (meaning NOT FOUND, docs/domain-facts.md §5.3)" }]));

registerEnumType(VehicleRelation, { name: "VehicleRelation", description: "How an account reaches a vehicle." });
registerEnumType(FilingStatus, { name: "FilingStatus", description: "A filing's review state (R-FIL-4..6)." });
registerEnumType(FilingMethod, { name: "FilingMethod", description: "How a filing was applied for (R-FIL-4..6)." });
registerEnumType(PlateType, {
  name: "PlateType",
  description: "号牌种类 (docs/domain-facts.md §5.2).",
  valuesConfig: Object.fromEntries(
    Object.entries(PlateType).map(([name, code]) => [name, { description: `${code} ${PLATE_TYPES[code as keyof typeof PLATE_TYPES]}` }]),
  ),
});
registerEnumType(LicenceState, {
  name: "LicenceState",
  description: "驾驶证状态 letter codes (docs/domain-facts.md §5.5); a licence can hold several.",
  valuesConfig: described(LICENCE_STATES, Object.keys(LicenceState)),
});
registerEnumType(VehicleState, {
  name: "VehicleState",
  description: "机动车状态 letter codes (docs/domain-facts.md §5.4); a vehicle can hold several.",
  valuesConfig: described(VEHICLE_STATES, Object.keys(VehicleState)),
});
registerEnumType(UseNature, {
  name: "UseNature",
  description: "使用性质 letter codes (docs/domain-facts.md §5.3).",
  valuesConfig: described(USE_NATURES, Object.keys(UseNature)),
});
