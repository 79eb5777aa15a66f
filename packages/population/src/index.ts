/**
 * @jg/population: a seeded, reproducible synthetic population of the 交管12123 world (issue #6) for the
 * start command, the simulator and the end-to-end tests. Pure: no I/O, no clock, no Math.random.
 */
export { generatePopulation } from "./generate";
export { populationOptionsSchema, presets, type PopulationOptions, type PopulationOptionsInput } from "./options";
export { validatePopulation } from "./validate";
export { formatSummary, summary, type Counts, type PopulationSummary } from "./summary";
export { COVERAGE_CITIZENS } from "./licence-plan";
export { CAST_CITIZENS } from "./cast";
export { CAST_FILING_AGE_DAYS, isFileable } from "./filings";
export { CAST_LEASE } from "./leases";
export { COMPANY_KINDS } from "./companies";
export { CHONGQING_AUTHORITY_LETTERS } from "./plates";
export { VIOLATION_WINDOW_DAYS } from "./time";
export { Random } from "./random";
export { isHandleableWithPoints } from "./violations";
export { creditCheckCharacter, idCheckCharacter, isValidCreditCode, isValidIdNumber, makeIdNumber } from "./id-number";
export type {
  AccountRecord,
  CompanyKind,
  CompanyRecord,
  DemoCast,
  ExpectedPenalty,
  FilingRecord,
  FilingStatus,
  LeaseRecord,
  LicenceRecord,
  PartnerRecord,
  Population,
  RecorderRecord,
  VehicleRecord,
  ViolationRecord,
} from "./population.types";
export { DEFAULT_FLAG_PROVINCES, populationOptionsFromFlags } from "./flags";
