/**
 * Enums of the platform subgraph. The code enums are built from the one definition of each table in
 * @jg/provinces (values, descriptions); licence states, use natures and vehicle states keep the real
 * one-letter codes (docs/domain-facts.md §5.3–5.5: the codes frontends will meet in real data), each value
 * described by its Chinese name. Plate types are codes starting with a digit, which GraphQL names
 * cannot, so they get English names with the code in the description (docs/domain-facts.md §5.2).
 * CaptureSource and ViolationStatus are not here: the platform uses the `province` subgraph's own
 * (`@jg/province-service/graphql`), so both subgraphs declare them identically.
 */
import { labelOf, licenceStates, plateTypes, useNatures, vehicleStates, type LabelTable } from "@jg/provinces";
import type { PlateTypeCode, UseNatureCode } from "@jg/rules";
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

/**
 * GraphQL names of the plate types (names cannot start with a digit). Keyed by every code of the
 * @jg/provinces table, so a code added there fails the typecheck here until it is named.
 */
const PLATE_TYPE_NAMES: Readonly<Record<PlateTypeCode, string>> = {
  "01": "LARGE_CAR",
  "02": "SMALL_CAR",
  "03": "EMBASSY_CAR",
  "04": "CONSULATE_CAR",
  "05": "OVERSEAS_CAR",
  "06": "FOREIGN_CAR",
  "07": "MOTORCYCLE",
  "08": "LIGHT_MOTORCYCLE",
  "09": "EMBASSY_MOTORCYCLE",
  "10": "CONSULATE_MOTORCYCLE",
  "11": "OVERSEAS_MOTORCYCLE",
  "12": "FOREIGN_MOTORCYCLE",
  "13": "LOW_SPEED_VEHICLE",
  "14": "TRACTOR",
  "15": "TRAILER",
  "16": "COACH_CAR",
  "17": "COACH_MOTORCYCLE",
  "18": "TRIAL_CAR",
  "19": "TRIAL_MOTORCYCLE",
  "20": "TEMPORARY_ENTRY_CAR",
  "21": "TEMPORARY_ENTRY_MOTORCYCLE",
  "22": "TEMPORARY_VEHICLE",
  "23": "POLICE_CAR",
  "24": "POLICE_MOTORCYCLE",
  "25": "FORMER_AGRICULTURAL_MACHINE",
  "26": "HONG_KONG_CROSS_BORDER",
  "27": "MACAO_CROSS_BORDER",
  "31": "ARMED_POLICE",
  "32": "MILITARY",
  "51": "LARGE_NEW_ENERGY",
  "52": "SMALL_NEW_ENERGY",
  "99": "OTHER",
};

/** 号牌种类 by GraphQL name; the value is the code. */
export const PlateType = Object.fromEntries(plateTypes.codes.map((code) => [PLATE_TYPE_NAMES[code], code])) as Record<string, PlateTypeCode>;
export type PlateType = PlateTypeCode;

const letters = <T extends string>(codes: readonly T[]) => Object.fromEntries(codes.map((c) => [c, c])) as { [K in T]: K };

export const LicenceState = letters(licenceStates.codes);
export const VehicleState = letters(vehicleStates.codes);
/** Every letter: real data holds letters whose meaning was NOT FOUND (UseNatureCode). */
export const UseNature = letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("") as UseNatureCode[]);

/** Each value described by the table's Chinese name, prefixed with the code when the name is not the code. */
const described = (table: LabelTable, values: Readonly<Record<string, string>>, withCode: boolean) =>
  Object.fromEntries(
    Object.entries(values).map(([name, code]) => {
      const zh = labelOf(table, code)?.zh ?? "未知 (meaning NOT FOUND, docs/domain-facts.md §5.3)";
      return [name, { description: withCode ? `${code} ${zh}` : zh }];
    }),
  );

registerEnumType(VehicleRelation, { name: "VehicleRelation", description: "How an account reaches a vehicle." });
registerEnumType(FilingStatus, { name: "FilingStatus", description: "A filing's review state (R-FIL-4..6)." });
registerEnumType(FilingMethod, { name: "FilingMethod", description: "How a filing was applied for (R-FIL-4..6)." });
registerEnumType(PlateType, {
  name: "PlateType",
  description: "号牌种类 (docs/domain-facts.md §5.2).",
  valuesConfig: described(plateTypes, PlateType, true),
});
registerEnumType(LicenceState, {
  name: "LicenceState",
  description: "驾驶证状态 letter codes (docs/domain-facts.md §5.5); a licence can hold several.",
  valuesConfig: described(licenceStates, LicenceState, false),
});
registerEnumType(VehicleState, {
  name: "VehicleState",
  description: "机动车状态 letter codes (docs/domain-facts.md §5.4); a vehicle can hold several.",
  valuesConfig: described(vehicleStates, VehicleState, false),
});
registerEnumType(UseNature, {
  name: "UseNature",
  description: "使用性质 letter codes (docs/domain-facts.md §5.3).",
  valuesConfig: described(useNatures, UseNature, false),
});
