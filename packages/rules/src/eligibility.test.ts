import { describe, expect, it } from "vitest";
import { codesOf } from "./denial";
import { decideEligibility } from "./eligibility";
import { cst, eligibilityInput } from "./test-fixtures";

describe("decideEligibility", () => {
  it("R-ELG-1 allows an owner's camera-recorded 200-yuan, 6-point violation in the morning", () => {
    expect(decideEligibility(eligibilityInput())).toEqual({ ok: true });
  });

  it("R-ELG-1 R-ELG-6 R-MNT-1 lists the province's and the home platform's reasons together", () => {
    const base = eligibilityInput();
    const decision = decideEligibility({
      ...base,
      violation: { ...base.violation, fineYuan: 201, points: 6 },
      licence: { states: ["D"], points: 6, reservedPoints: 0, fullScoreCountInCycle: 0 },
      now: cst("2024-03-05T23:00:00"),
    });
    expect(codesOf(decision)).toEqual(["FINE_OVER_200", "MAINTENANCE_WINDOW", "LICENCE_STATE_BLOCKS", "POINTS_WOULD_REACH_12"]);
  });

  it("R-OPS-2 leaves the notice out of the view unless it is known to be refused", () => {
    expect(decideEligibility(eligibilityInput({ noticeAccepted: true })).ok).toBe(true);
    expect(codesOf(decideEligibility(eligibilityInput({ noticeAccepted: false })))).toEqual(["NOTICE_NOT_ACCEPTED"]);
  });

  it("R-ELG-1f R-ELG-7 shows both camera reasons for a lessee's on-site violation", () => {
    const base = eligibilityInput();
    const decision = decideEligibility({
      ...base,
      violation: { ...base.violation, source: "ON_SITE" },
      vehicle: { ...base.vehicle, useNature: "G" },
      relation: { kind: "LESSEE", leaseStart: cst("2024-02-01T00:00:00"), leaseEnd: cst("2024-04-01T00:00:00") },
    });
    expect(codesOf(decision)).toEqual(["NOT_CAMERA_RECORDED", "LEASE_NOT_CAMERA_RECORDED"]);
  });
});
