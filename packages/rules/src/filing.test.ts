import { describe, expect, it } from "vitest";
import { type DenialCode } from "@jg/errors";
import { codesOf } from "./denial";
import { DF_9_1_FILING_APPLICATION_LIMITS, decideFiling, filingCodeRecipient, type FilingInput } from "./filing";
import { EPIDEMIC_2020_POLICY, STANDARD_POLICY } from "./policy";

function filing(overrides: Partial<FilingInput> = {}, vehicle: Partial<FilingInput["vehicle"]> = {}): FilingInput {
  return {
    activeFilingsOfUser: 0,
    activeDriversOfVehicle: 0,
    vehicle: { plateType: "02", useNature: "A", states: ["A"], ownerKind: "PERSON", ...vehicle },
    applicantIsOwner: false,
    policy: STANDARD_POLICY,
    method: "QR",
    ...overrides,
  };
}

const cases: { name: string; input: FilingInput; denials: DenialCode[] }[] = [
  { name: "R-FIL-4 allows filing a person's small car by QR code", input: filing(), denials: [] },
  { name: "R-FIL-5 allows filing a person's small car by SMS to the owner", input: filing({ method: "SMS_OWNER" }), denials: [] },
  {
    name: "R-FIL-5 refuses the manager SMS method for a person's vehicle",
    input: filing({ method: "SMS_COMPANY" }),
    denials: ["FILING_METHOD_NEEDS_OWNER"],
  },
  {
    name: "R-FIL-1 refuses filing a vehicle in the applicant's own name (attached automatically)",
    input: filing({ applicantIsOwner: true, activeFilingsOfUser: 3 }),
    denials: ["OWN_VEHICLE_ATTACHED_AUTOMATICALLY"],
  },
  { name: "R-FIL-2 allows a 3rd filing (2 active)", input: filing({ activeFilingsOfUser: 2 }), denials: [] },
  { name: "R-FIL-2 refuses a 4th filing (3 active)", input: filing({ activeFilingsOfUser: 3 }), denials: ["FILING_LIMIT_USER"] },
  {
    name: "R-FIL-2 allows a filing after a release (3 filed, 1 released: 2 active)",
    input: filing({ activeFilingsOfUser: 3 - 1 }),
    denials: [],
  },
  { name: "R-FIL-3 allows a vehicle's 3rd driver (2 active)", input: filing({ activeDriversOfVehicle: 2 }), denials: [] },
  {
    name: "R-FIL-3 refuses a vehicle's 4th driver (3 active)",
    input: filing({ activeDriversOfVehicle: 3 }),
    denials: ["FILING_LIMIT_VEHICLE"],
  },
  {
    name: "R-FIL-3 allows a driver after one of three is released (2 active)",
    input: filing({ activeDriversOfVehicle: 3 - 1 }),
    denials: [],
  },
  {
    name: "R-FIL-6 refuses a company vehicle under the standard policy (R-ELG-2 not in force)",
    input: filing({ method: "SMS_COMPANY" }, { ownerKind: "COMPANY" }),
    denials: ["COMPANY_VEHICLE_NOT_ALLOWED"],
  },
  {
    name: "R-FIL-6 allows a company small non-operating vehicle by manager SMS under the epidemic policy",
    input: filing({ method: "SMS_COMPANY", policy: EPIDEMIC_2020_POLICY }, { ownerKind: "COMPANY" }),
    denials: [],
  },
  {
    name: "R-FIL-6 refuses a company vehicle by QR even under the epidemic policy",
    input: filing({ method: "QR", policy: EPIDEMIC_2020_POLICY }, { ownerKind: "COMPANY" }),
    denials: ["FILING_METHOD_NEEDS_MANAGER"],
  },
  {
    name: "R-FIL-6 refuses a company large car even under the epidemic policy (small vehicles only)",
    input: filing({ method: "SMS_COMPANY", policy: EPIDEMIC_2020_POLICY }, { ownerKind: "COMPANY", plateType: "01" }),
    denials: ["VEHICLE_NOT_SMALL_CAR"],
  },
  {
    name: "R-ELG-1a refuses filing a large car under the standard policy",
    input: filing({}, { plateType: "01" }),
    denials: ["VEHICLE_NOT_SMALL_CAR"],
  },
  {
    name: "R-ELG-2 allows filing a person's motorcycle under the epidemic policy",
    input: filing({ policy: EPIDEMIC_2020_POLICY }, { plateType: "07" }),
    denials: [],
  },
  { name: "R-ELG-1b refuses filing an operating car", input: filing({}, { useNature: "F" }), denials: ["VEHICLE_OPERATING"] },
  { name: "R-ELG-1c refuses filing a stolen car", input: filing({}, { states: ["C"] }), denials: ["VEHICLE_STATE_BLOCKS"] },
  {
    name: "R-FIL-2 R-FIL-3 R-FIL-5 lists every reason at once",
    input: filing({ activeFilingsOfUser: 3, activeDriversOfVehicle: 4, method: "SMS_COMPANY" }, { useNature: "B" }),
    denials: ["FILING_LIMIT_USER", "FILING_LIMIT_VEHICLE", "VEHICLE_OPERATING", "FILING_METHOD_NEEDS_OWNER"],
  },
  {
    name: "DF-9.1 is off by default: a 6th application this year is allowed under the manual",
    input: filing({ applicationsToday: 3, applicationsThisYear: 5 }),
    denials: [],
  },
  {
    name: "DF-9.1 when enabled refuses a 2nd application on the same day",
    input: filing({
      policy: { ...STANDARD_POLICY, filingApplicationLimits: DF_9_1_FILING_APPLICATION_LIMITS },
      applicationsToday: 1,
      applicationsThisYear: 1,
    }),
    denials: ["FILING_DAILY_LIMIT"],
  },
  {
    name: "DF-9.1 when enabled refuses the 6th application of a calendar year",
    input: filing({
      policy: { ...STANDARD_POLICY, filingApplicationLimits: DF_9_1_FILING_APPLICATION_LIMITS },
      applicationsToday: 0,
      applicationsThisYear: 5,
    }),
    denials: ["FILING_YEARLY_LIMIT"],
  },
];

describe("decideFiling", () => {
  it.each(cases)("$name", ({ input, denials }) => {
    const decision = decideFiling(input);
    expect(decision.ok).toBe(denials.length === 0);
    expect(codesOf(decision)).toEqual(denials);
  });

  it("DF-9.1 when enabled allows the 5th application of the year", () => {
    const policy = { ...STANDARD_POLICY, filingApplicationLimits: DF_9_1_FILING_APPLICATION_LIMITS };
    expect(decideFiling(filing({ policy, applicationsToday: 0, applicationsThisYear: 4 })).ok).toBe(true);
  });
});

describe("filingCodeRecipient", () => {
  const phones = { ownerPhone: "13800000001", managerPhone: "13800000002" };
  it.each([
    { name: "R-FIL-4 QR filing sends nothing: the owner shows the code", method: "QR" as const, expected: { channel: "QR_SCAN", to: "OWNER" } },
    {
      name: "R-FIL-5 SMS filing sends the code to the owner's phone",
      method: "SMS_OWNER" as const,
      expected: { channel: "SMS", to: "OWNER", phone: "13800000001" },
    },
    {
      name: "R-FIL-6 company SMS filing sends the code to the manager's recorded phone",
      method: "SMS_COMPANY" as const,
      expected: { channel: "SMS", to: "MANAGER", phone: "13800000002" },
    },
  ])("$name", ({ method, expected }) => {
    expect(filingCodeRecipient(method, phones)).toEqual(expected);
  });

  it("R-FIL-6 never falls back to the owner's phone when no manager phone is recorded", () => {
    expect(filingCodeRecipient("SMS_COMPANY", { ownerPhone: "13800000001" })).toEqual({ channel: "SMS", to: "MANAGER" });
  });
});
