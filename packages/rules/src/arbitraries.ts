/**
 * fast-check generators for the rules' inputs, shared by the property tests. Not exported from the
 * package.
 */
import fc from "fast-check";
import { licenceStates, plateTypes, vehicleStates } from "@jg/provinces";
import { type HomeAuthorizationInput } from "./home-authorization";
import { EPIDEMIC_2020_POLICY, STANDARD_POLICY } from "./policy";
import { type LicenceFacts, type UseNatureCode, type VehicleRelation } from "./types";

const MIN = Date.UTC(2015, 0, 1);
const MAX = Date.UTC(2035, 0, 1);

/** An instant between 2015 and 2035. */
export const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));

export const licenceState = fc.constantFrom(...licenceStates.codes);
const vehicleState = fc.constantFrom(...vehicleStates.codes);
const plateType = fc.constantFrom(...plateTypes.codes);
const useNature = fc.constantFrom<UseNatureCode>("A", "B", "D", "F", "G", "L", "Z");
const points = fc.constantFrom(0, 1, 2, 3, 6, 9, 12);

export const licence: fc.Arbitrary<LicenceFacts> = fc.record({
  states: fc.uniqueArray(licenceState, { maxLength: 4 }),
  points: fc.integer({ min: 0, max: 14 }),
  reservedPoints: fc.integer({ min: 0, max: 12 }),
  fullScoreCountInCycle: fc.integer({ min: 0, max: 4 }),
});

const relation: fc.Arbitrary<VehicleRelation | null> = fc.oneof(
  fc.constant(null),
  fc.constant({ kind: "OWNER" as const }),
  instant.map((effectiveAt) => ({ kind: "FILED" as const, effectiveAt })),
  fc
    .tuple(fc.constantFrom("LESSEE" as const, "TEMPORARY_DRIVER" as const), instant, fc.integer({ min: 1, max: 30 * 86_400_000 }))
    .map(([kind, start, length]) => ({ kind, leaseStart: start, leaseEnd: new Date(start.getTime() + length) })),
);

export const homeInput: fc.Arbitrary<HomeAuthorizationInput> = fc.record({
  violation: fc.record({
    occurredAt: instant,
    points,
    source: fc.constantFrom("CAMERA" as const, "ON_SITE" as const),
    provinceCode: fc.constantFrom("50", "51", "44"),
  }),
  licence: fc.option(licence, { nil: null, freq: 8 }),
  vehicle: fc.record({
    plateType,
    useNature,
    states: fc.uniqueArray(vehicleState, { maxLength: 3 }),
    ownerKind: fc.constantFrom("PERSON" as const, "COMPANY" as const),
  }),
  relation,
  policy: fc.constantFrom(STANDARD_POLICY, EPIDEMIC_2020_POLICY),
  now: instant,
});
