/**
 * @jg/rules: the 交管12123 manual (docs/rules.md) as pure functions. Data in, decisions out; no I/O,
 * no clock (time comes in as an argument), no environment. Every function cites its rule IDs.
 */
export * from "./types";
export {
  BLOCKING_LICENCE_STATES,
  BLOCKING_VEHICLE_STATES,
  LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES,
  NON_OPERATING_USE_NATURES,
  RENTAL_USE_NATURE,
  SMALL_CAR_PLATE_TYPES,
} from "./codes";
export { codesOf, decide, denialsOf, deny, type DenialParam } from "./denial";
export { CST_OFFSET_MS, cstDateOf, cstDayNumber, cstIsoDate, cstMidnight, cstMsOfDay, type CstDate } from "./cst";
export {
  DEFAULT_POLICY_TABLE,
  EPIDEMIC_2020_POLICY,
  STANDARD_POLICY,
  policyFor,
  type PolicyPeriod,
  type PolicyTable,
} from "./policy";
export {
  CHONGQING_MAINTENANCE_WINDOW,
  inMaintenanceWindow,
  maintenanceWindowDenial,
  type DailyWindow,
} from "./window";
export { scoringCycle, type ScoringCycle } from "./cycle";
export { FULL_SCORE, POINT_TIERS, isValidPoints } from "./points";
export {
  PLATFORM_MAX_POINTS,
  SIMPLE_PROCEDURE_MAX_FINE_YUAN,
  decideProvinceHandling,
  provinceDenials,
  statusDenial,
  type ProvinceHandlingInput,
  type ProvinceViolationFacts,
} from "./province-handling";
export { isSmallCar, vehicleDenials, type VehicleAccessKind } from "./vehicle";
export { FULL_SCORE_COUNT_LIMIT, licenceDenials } from "./licence";
export {
  decideHomeAuthorization,
  homeDenials,
  type HomeAuthorizationInput,
  type HomeViolationFacts,
} from "./home-authorization";
export { decideEligibility, type EligibilityInput } from "./eligibility";
export {
  decideHandlingPlatform,
  handlingProvince,
  objectionAuthority,
  type HandlingProvince,
  type ObjectionAuthority,
} from "./jurisdiction";
export { transition, type StatusEvent, type TransitionResult } from "./status";
export {
  PAYMENT_WINDOW_MS,
  decidePayment,
  payBy,
  shouldRevert,
  type PaymentInput,
} from "./payment";
export {
  PAYMENT_DUE_DAYS,
  SURCHARGE_PERCENT_PER_DAY,
  amountPayable,
  type AmountPayable,
  type AmountPayableInput,
} from "./surcharge";
export {
  DF_9_1_FILING_APPLICATION_LIMITS,
  FILING_LIMIT_PER_USER,
  FILING_LIMIT_PER_VEHICLE,
  decideFiling,
  filingCodeRecipient,
  type FilingCodeRecipient,
  type FilingInput,
  type FilingMethod,
} from "./filing";
export {
  REGISTRATION_STEPS,
  STEP_NAMES,
  decideRegistrationComplete,
  registrationSteps,
  type RegistrationChannel,
  type Step,
} from "./registration";
