import { describe, expect, it } from "vitest";
import { type DenialCode } from "@jg/errors";
import { codesOf } from "./denial";
import { decideHomeAuthorization, type HomeAuthorizationInput } from "./home-authorization";
import { EPIDEMIC_2020_POLICY } from "./policy";
import { cst, FILED_AT, homeInput, vehicle, violation } from "./test-fixtures";

const cases: { name: string; input: HomeAuthorizationInput; denials: DenialCode[] }[] = [
  { name: "R-ELG-1a allows the owner of a small car (02)", input: homeInput(), denials: [] },
  {
    name: "R-ELG-1a allows the owner of a small new-energy car (52)",
    input: homeInput({ vehicle: vehicle({ plateType: "52" }) }),
    denials: [],
  },
  {
    name: "R-ELG-1a refuses a large car (01) even to its owner",
    input: homeInput({ vehicle: vehicle({ plateType: "01" }) }),
    denials: ["VEHICLE_NOT_SMALL_CAR"],
  },
  {
    name: "R-ELG-1a refuses a user with no relation to the vehicle",
    input: homeInput({ relation: null }),
    denials: ["NOT_DRIVERS_VEHICLE"],
  },
  {
    name: "R-ELG-1b refuses an operating vehicle (D taxi)",
    input: homeInput({ vehicle: vehicle({ useNature: "D" }) }),
    denials: ["VEHICLE_OPERATING"],
  },
  ...(["B", "P", "M", "E", "C"] as const).map((state) => ({
    name: `R-ELG-1c refuses a vehicle in state ${state}`,
    input: homeInput({ vehicle: vehicle({ states: ["A", state] }) }),
    denials: ["VEHICLE_STATE_BLOCKS"] as DenialCode[],
  })),
  {
    name: "R-ELG-1c allows a vehicle overdue for inspection (Q is not on the manual's list)",
    input: homeInput({ vehicle: vehicle({ states: ["Q"] }) }),
    denials: [],
  },
  {
    name: "R-ELG-2 refuses a filed company vehicle under the standard policy",
    input: homeInput({ vehicle: vehicle({ ownerKind: "COMPANY" }), relation: { kind: "FILED", effectiveAt: FILED_AT } }),
    denials: ["COMPANY_VEHICLE_NOT_ALLOWED"],
  },
  {
    name: "R-ELG-2 allows a filed company small non-operating vehicle under the epidemic policy",
    input: homeInput({
      vehicle: vehicle({ ownerKind: "COMPANY" }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
      policy: EPIDEMIC_2020_POLICY,
    }),
    denials: [],
  },
  {
    name: "R-ELG-2 allows a filed large car (01) under the epidemic policy",
    input: homeInput({
      vehicle: vehicle({ plateType: "01" }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
      policy: EPIDEMIC_2020_POLICY,
    }),
    denials: [],
  },
  {
    name: "R-ELG-2 allows a filed motorcycle (07) under the epidemic policy",
    input: homeInput({
      vehicle: vehicle({ plateType: "07" }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
      policy: EPIDEMIC_2020_POLICY,
    }),
    denials: [],
  },
  {
    name: "R-ELG-2 refuses a filed motorcycle (07) under the standard policy",
    input: homeInput({ vehicle: vehicle({ plateType: "07" }), relation: { kind: "FILED", effectiveAt: FILED_AT } }),
    denials: ["VEHICLE_NOT_SMALL_CAR"],
  },
  {
    name: "R-ELG-2 still refuses an owned large car under the epidemic policy (only filed ones)",
    input: homeInput({ vehicle: vehicle({ plateType: "01" }), policy: EPIDEMIC_2020_POLICY }),
    denials: ["VEHICLE_NOT_SMALL_CAR"],
  },
  {
    name: "R-ELG-2 still refuses a filed operating large car under the epidemic policy",
    input: homeInput({
      vehicle: vehicle({ plateType: "01", useNature: "F" }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
      policy: EPIDEMIC_2020_POLICY,
    }),
    denials: ["VEHICLE_OPERATING"],
  },
  {
    name: "R-ELG-3 allows a violation at the same instant as the filing took effect",
    input: homeInput({ violation: violation({ occurredAt: FILED_AT }), relation: { kind: "FILED", effectiveAt: FILED_AT } }),
    denials: [],
  },
  {
    name: "R-ELG-3 refuses a violation with points 1 ms before the filing took effect",
    input: homeInput({
      violation: violation({ occurredAt: new Date(FILED_AT.getTime() - 1) }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
    }),
    denials: ["BEFORE_FILING"],
  },
  {
    name: "R-ELG-3 allows a violation without points from before the filing",
    input: homeInput({
      violation: violation({ occurredAt: cst("2024-01-01T08:00:00"), points: 0 }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
    }),
    denials: [],
  },
  {
    name: "R-ELG-3E allows a violation with points from before the filing under the epidemic policy",
    input: homeInput({
      violation: violation({ occurredAt: cst("2024-01-01T08:00:00") }),
      relation: { kind: "FILED", effectiveAt: FILED_AT },
      policy: EPIDEMIC_2020_POLICY,
    }),
    denials: [],
  },
  { name: "R-ELG-4 refuses a driver without a licence", input: homeInput({ licence: null }), denials: ["NO_LICENCE"] },
];

describe("decideHomeAuthorization: the vehicle, its use, the filing, and no licence", () => {
  it.each(cases)("$name", ({ input, denials }) => {
    const decision = decideHomeAuthorization(input);
    expect(decision.ok).toBe(denials.length === 0);
    expect(codesOf(decision)).toEqual(denials);
  });
});
