import { describe, expect, it } from "vitest";
import { type DenialCode } from "@jg/errors";
import { codesOf } from "./denial";
import { decideHomeAuthorization, type HomeAuthorizationInput } from "./home-authorization";
import { cst, homeInput, LEASE, licence, vehicle, violation } from "./test-fixtures";

const cases: { name: string; input: HomeAuthorizationInput; denials: DenialCode[] }[] = [
  ...(["S", "M", "C", "J", "L", "K", "U", "D", "F", "E", "G", "R", "B"] as const).map((state) => ({
    name: `R-ELG-4 refuses a licence in state ${state}`,
    input: homeInput(licence({ states: ["A", state] })),
    denials: ["LICENCE_STATE_BLOCKS"] as DenialCode[],
  })),
  {
    name: "R-ELG-4 allows a licence with an unhandled violation (H is not on the manual's list)",
    input: homeInput(licence({ states: ["H"] })),
    denials: [],
  },
  {
    name: "R-ELG-5 allows a driver who reached 12 points twice in the cycle",
    input: homeInput(licence({ fullScoreCountInCycle: 2 })),
    denials: [],
  },
  {
    name: "R-ELG-5 refuses a driver who reached 12 points 3 times in the cycle",
    input: homeInput(licence({ fullScoreCountInCycle: 3 })),
    denials: ["FULL_SCORE_3_TIMES"],
  },
  {
    name: "R-ELG-6 allows 10 + 1 points (total 11)",
    input: homeInput({ ...licence({ points: 10 }), violation: violation({ points: 1 }) }),
    denials: [],
  },
  {
    name: "R-ELG-6 refuses 11 + 1 points (total 12)",
    input: homeInput({ ...licence({ points: 11 }), violation: violation({ points: 1 }) }),
    denials: ["POINTS_WOULD_REACH_12"],
  },
  {
    name: "R-ELG-6 counts points reserved by unpaid handlings: 8 + 3 reserved + 1 reaches 12",
    input: homeInput({ ...licence({ points: 8, reservedPoints: 3 }), violation: violation({ points: 1 }) }),
    denials: ["POINTS_WOULD_REACH_12"],
  },
  {
    name: "R-ELG-6 allows 7 + 3 reserved + 1 (total 11)",
    input: homeInput({ ...licence({ points: 7, reservedPoints: 3 }), violation: violation({ points: 1 }) }),
    denials: [],
  },
  {
    name: "R-ELG-7 allows a lessee a camera-recorded violation at the lease's start",
    input: homeInput({
      violation: violation({ occurredAt: LEASE.leaseStart }),
      vehicle: vehicle({ useNature: "G" }),
      relation: { kind: "LESSEE", ...LEASE },
    }),
    denials: [],
  },
  {
    name: "R-ELG-7 allows a temporary driver a violation 1 ms before the lease ends",
    input: homeInput({
      violation: violation({ occurredAt: new Date(LEASE.leaseEnd.getTime() - 1) }),
      vehicle: vehicle({ useNature: "G" }),
      relation: { kind: "TEMPORARY_DRIVER", ...LEASE },
    }),
    denials: [],
  },
  {
    name: "R-ELG-7 refuses a lessee a violation at the lease's end (exclusive)",
    input: homeInput({
      violation: violation({ occurredAt: LEASE.leaseEnd }),
      vehicle: vehicle({ useNature: "G" }),
      relation: { kind: "LESSEE", ...LEASE },
    }),
    denials: ["OUTSIDE_LEASE"],
  },
  {
    name: "R-ELG-7 refuses a lessee a violation before the lease",
    input: homeInput({
      violation: violation({ occurredAt: new Date(LEASE.leaseStart.getTime() - 1) }),
      vehicle: vehicle({ useNature: "G" }),
      relation: { kind: "LESSEE", ...LEASE },
    }),
    denials: ["OUTSIDE_LEASE"],
  },
  {
    name: "R-ELG-7 refuses a lessee an on-site violation of the lease period",
    input: homeInput({
      violation: violation({ occurredAt: cst("2024-03-02T09:00:00"), source: "ON_SITE" }),
      vehicle: vehicle({ useNature: "G" }),
      relation: { kind: "LESSEE", ...LEASE },
    }),
    denials: ["LEASE_NOT_CAMERA_RECORDED"],
  },
  {
    name: "R-ELG-7 refuses a lessee a rental large car (small cars only)",
    input: homeInput({
      violation: violation({ occurredAt: cst("2024-03-02T09:00:00") }),
      vehicle: vehicle({ plateType: "01", useNature: "G" }),
      relation: { kind: "LESSEE", ...LEASE },
    }),
    denials: ["VEHICLE_NOT_SMALL_CAR"],
  },
  {
    name: "R-ELG-1b still refuses an owner a rental-use car (the rental exception is for lessees)",
    input: homeInput({ vehicle: vehicle({ useNature: "G" }) }),
    denials: ["VEHICLE_OPERATING"],
  },
  {
    name: "R-ELG-4 R-ELG-5 R-ELG-6 list every licence reason at once",
    input: homeInput({
      ...licence({ states: ["L", "B"], points: 12, fullScoreCountInCycle: 3 }),
      vehicle: vehicle({ states: ["C"] }),
    }),
    denials: ["VEHICLE_STATE_BLOCKS", "LICENCE_STATE_BLOCKS", "FULL_SCORE_3_TIMES", "POINTS_WOULD_REACH_12"],
  },
];

describe("decideHomeAuthorization: the licence, the points and the lease (R-ELG-4 to R-ELG-7)", () => {
  it.each(cases)("$name", ({ input, denials }) => {
    const decision = decideHomeAuthorization(input);
    expect(decision.ok).toBe(denials.length === 0);
    expect(codesOf(decision)).toEqual(denials);
  });

  it("R-ELG-4 names every blocking state (in the manual's order), in Chinese and as codes", () => {
    const decision = decideHomeAuthorization(homeInput(licence({ states: ["H", "S", "L"] })));
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.denials[0]?.message.zh).toContain("（逾期未审验、锁定）");
    expect(decision.denials[0]?.message.en).toContain("(S, L)");
  });

  it("R-ELG-6 states both the violation's points and the current total", () => {
    const decision = decideHomeAuthorization(
      homeInput({ ...licence({ points: 9, reservedPoints: 2 }), violation: violation({ points: 1 }) }),
    );
    expect(decision.ok ? "" : decision.denials[0]?.message.en).toBe(
      "This violation's 1 points plus the current 11 points would reach 12 or more",
    );
  });
});
