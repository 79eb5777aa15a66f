import { describe, expect, it } from "vitest";
import { type DenialCode } from "@jg/errors";
import { codesOf } from "./denial";
import { decideProvinceHandling, type ProvinceHandlingInput, type ProvinceViolationFacts } from "./province-handling";
import { cst, provinceInput } from "./test-fixtures";

function withViolation(facts: Partial<ProvinceViolationFacts>): ProvinceHandlingInput {
  const base = provinceInput();
  return { ...base, violation: { ...base.violation, ...facts } };
}

const cases: { name: string; input: ProvinceHandlingInput; denials: DenialCode[] }[] = [
  { name: "R-ELG-1e allows a fine of exactly 200 yuan", input: withViolation({ fineYuan: 200 }), denials: [] },
  { name: "R-ELG-1e refuses a fine of 201 yuan", input: withViolation({ fineYuan: 201 }), denials: ["FINE_OVER_200"] },
  { name: "R-ELG-1e allows exactly 6 points", input: withViolation({ points: 6 }), denials: [] },
  { name: "R-ELG-1e refuses 7 points", input: withViolation({ points: 7 }), denials: ["POINTS_OVER_6"] },
  {
    name: "R-ELG-1e allows a warning-only penalty (no fine, no points)",
    input: withViolation({ warningOnly: true, fineYuan: 0, points: 0 }),
    denials: [],
  },
  {
    name: "R-ELG-1f refuses a violation recorded on the spot by an officer",
    input: withViolation({ source: "ON_SITE" }),
    denials: ["NOT_CAMERA_RECORDED"],
  },
  {
    name: "R-ELG-1d refuses a violation of a province whose platform is not open",
    input: provinceInput({ platformOpen: false }),
    denials: ["PLATFORM_CLOSED"],
  },
  {
    name: "R-DUP-1 refuses to handle a record that is already handled",
    input: withViolation({ status: "HANDLED_UNPAID" }),
    denials: ["ALREADY_HANDLED"],
  },
  { name: "R-DUP-1 refuses to handle a record that is already paid", input: withViolation({ status: "PAID" }), denials: ["ALREADY_PAID"] },
  {
    name: "R-OPS-2 refuses handling before the business notice is accepted",
    input: provinceInput({ noticeAccepted: false }),
    denials: ["NOTICE_NOT_ACCEPTED"],
  },
  {
    name: "R-MNT-1 refuses handling at 22:00:00 CST",
    input: provinceInput({ now: cst("2024-03-05T22:00:00") }),
    denials: ["MAINTENANCE_WINDOW"],
  },
  { name: "R-MNT-1 allows handling at 01:00:00 CST", input: provinceInput({ now: cst("2024-03-06T01:00:00") }), denials: [] },
  {
    name: "R-ELG-1 lists every reason at once, not only the first",
    input: {
      ...withViolation({ fineYuan: 201, points: 7, source: "ON_SITE", status: "PAID" }),
      platformOpen: false,
      noticeAccepted: false,
      now: cst("2024-03-06T00:59:59"),
    },
    denials: [
      "PLATFORM_CLOSED",
      "FINE_OVER_200",
      "POINTS_OVER_6",
      "NOT_CAMERA_RECORDED",
      "ALREADY_PAID",
      "MAINTENANCE_WINDOW",
      "NOTICE_NOT_ACCEPTED",
    ],
  },
];

describe("decideProvinceHandling", () => {
  it.each(cases)("$name", ({ input, denials }) => {
    const decision = decideProvinceHandling(input);
    expect(decision.ok).toBe(denials.length === 0);
    expect(codesOf(decision)).toEqual(denials);
  });

  it("R-ELG-1e names the amount and the rule in both languages", () => {
    const decision = decideProvinceHandling(withViolation({ fineYuan: 201 }));
    expect(decision).toEqual({
      ok: false,
      denials: [
        {
          code: "FINE_OVER_200",
          ruleId: "R-ELG-1e",
          message: {
            zh: "罚款金额201元超过200元，不适用简易程序",
            en: "The fine of 201 yuan exceeds 200 yuan, so the simple procedure does not apply",
          },
        },
      ],
    });
  });

  it("R-ELG-1e rejects a negative or fractional fine as bad input, not as a denial", () => {
    expect(() => decideProvinceHandling(withViolation({ fineYuan: -1 }))).toThrow(/non-negative integer/);
    expect(() => decideProvinceHandling(withViolation({ points: 1.5 }))).toThrow(/non-negative integer/);
  });
});
