// Reference data every service uses: the 31 provinces, plates, violation IDs and codes, and the
// per-province fine schedules by effective date. Every figure carries its source (docs/domain-facts.md);
// figures that were NOT FOUND are marked assumed and can be overridden by configuration.
export { type ObjectionContact, type Province, type ProvinceCode } from "./catalogue/province.types";
export { PROVINCES, isProvinceCode, provinceByCode, provinceByPlate } from "./catalogue/provinces";
export { parseProvinceCode } from "./catalogue/province-code";
export { HOME_PROVINCE_CODE } from "./catalogue/home-province";
export { provinceOverrideSchema, withProvinceOverrides, type ProvinceOverride } from "./catalogue/overrides";
export {
  DEFAULT_MAINTENANCE,
  businessNoticeEn,
  businessNoticeZh,
  type BusinessNoticeParams,
} from "./catalogue/business-notice";
export { formatPlate, parsePlate, type ParsedPlate } from "./plates/plate";
export { isCodeOf, labelOf, type CodeOf, type Label, type LabelTable } from "./labels/label.types";
export { plateTypes } from "./labels/plate-types";
export { useNatures } from "./labels/use-natures";
export { vehicleStates } from "./labels/vehicle-states";
export { licenceStates } from "./labels/licence-states";
export {
  VIOLATION_ID_LENGTH,
  checkAreaCode,
  makeViolationId,
  parseViolationId,
  provinceOfViolationId,
  type ParsedViolationId,
} from "./ids/violation-id";
export {
  POINT_VALUES,
  type CodeConfidence,
  type PenaltyBasis,
  type Points,
  type ViolationCodeEntry,
} from "./codes/violation-code.types";
export { VIOLATION_CODES, parseViolationCode, violationCode } from "./codes/violation-codes";
export { type FineItem, type ScheduleBook, type ScheduleVersion } from "./schedules/schedule.types";
export { SRC } from "./sources";
export { err, ok, unwrap, type ReferenceFaultCode, type Result } from "./result";
export { FINE_SCHEDULES } from "./schedules/book";
export { NATIONAL_LAW_IN_FORCE, defaultSchedule } from "./schedules/defaults";
export { cstDay, fineItem, scheduleInForce, schedulesOf } from "./schedules/select";
export { fineOverrideSchema, withScheduleOverrides, type FineOverride } from "./schedules/overrides";
export {
  SIMPLE_PROCEDURE_MAX_YUAN,
  isSimpleProcedure,
  legalRange,
  problemsOf,
  type LegalRange,
} from "./schedules/legal-range";
