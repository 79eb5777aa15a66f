/**
 * Which plate types (号牌种类, docs/domain-facts.md §5.2) go with which use natures (使用性质, §5.3) and owners.
 * The rows together name every plate type of `@jg/provinces` plateTypes but `NOT_GENERATED_PLATE_TYPES`,
 * and every use nature of its useNatures table. Pairings are plausible, not sourced:
 * e.g. a police car (23) is used for police work (H), a coach car (16) for driving schools (N).
 */
import { type PlateTypeCode, type UseNatureCode } from "@jg/rules";
import { type CompanyKind } from "./population.types";

export type FleetRow = readonly [PlateTypeCode, UseNatureCode];

/**
 * 31 武警 and 32 军用 plates are issued by the armed police and the army, outside the public-security
 * vehicle registry a 12123 account reaches (and named by one source only, docs/domain-facts.md §5.2),
 * so the population holds none.
 */
export const NOT_GENERATED_PLATE_TYPES: readonly PlateTypeCode[] = ["31", "32"];

/** Vehicles of persons beyond the common small car: coverage rows. */
export const PERSON_COVERAGE_ROWS: readonly FleetRow[] = [
  ["02", "A"], ["52", "A"], ["07", "A"], ["08", "A"], ["06", "A"], ["12", "A"], ["20", "A"], ["21", "A"],
  ["22", "A"], ["13", "F"], ["14", "F"], ["25", "A"], ["26", "A"], ["27", "A"], ["02", "L"], ["02", "M"], ["99", "Z"],
];

/** What a person's vehicle usually is: mostly small cars, some new-energy, a few motorcycles. */
export const PERSON_ROW_WEIGHTS: readonly (readonly [FleetRow, number])[] = [
  [["02", "A"], 70], [["52", "A"], 22], [["07", "A"], 3], [["08", "A"], 1.5], [["02", "L"], 1], [["02", "M"], 1],
  [["13", "F"], 0.5], [["22", "A"], 0.5], [["06", "A"], 0.5],
];

/** The vehicles of each company kind; the first company of a kind gets each row once, then draws from them. */
export const COMPANY_ROWS: Readonly<Record<CompanyKind, readonly FleetRow[]>> = {
  general: [["02", "A"], ["52", "A"], ["18", "A"], ["19", "A"]],
  logistics: [["01", "F"], ["15", "F"], ["51", "F"]],
  taxi: [["02", "D"], ["52", "D"]],
  passenger: [["01", "B"]],
  bus: [["01", "C"], ["51", "C"]],
  tourism: [["01", "E"]],
  school: [["16", "N"], ["17", "N"]],
  hazmat: [["01", "R"], ["15", "R"]],
  rescue: [["01", "K"]],
  public: [["23", "H"], ["24", "H"], ["01", "I"], ["02", "J"]],
  foreign: [["03", "A"], ["04", "A"], ["05", "A"], ["09", "A"], ["10", "A"], ["11", "A"]],
  rental: [["02", "G"], ["52", "G"]],
};

/** Usual draws for extra vehicles of a general company: small non-operating cars (R-FIL-6 filing). */
export const GENERAL_EXTRA_WEIGHTS: readonly (readonly [FleetRow, number])[] = [[["02", "A"], 75], [["52", "A"], 25]];
