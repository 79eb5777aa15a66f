import { describe, expect, it } from "vitest";
import { codesOf, decide, deny } from "./denial";

describe("deny and decide", () => {
  it("R-ELG-6 a denial takes its rule ID and both messages from the catalogue", () => {
    expect(deny("POINTS_WOULD_REACH_12", { points: 1, current: 11 })).toEqual({
      code: "POINTS_WOULD_REACH_12",
      ruleId: "R-ELG-6",
      message: {
        zh: "本次违法记分1分与当前累积记分11分之和达到12分及以上",
        en: "This violation's 1 points plus the current 11 points would reach 12 or more",
      },
    });
  });

  it("R-REG-1 a parameter may differ per language", () => {
    const denial = deny("APP_REGISTRATION_STEP_MISSING", { step: { zh: "人脸识别", en: "face recognition" } });
    expect(denial.message.zh).toContain("“人脸识别”");
    expect(denial.message.en).toContain("“face recognition”");
  });

  it("allows when there is no denial", () => {
    expect(decide([])).toEqual({ ok: true });
  });

  it("R-ELG-1e keeps every distinct reason in order and drops exact duplicates only", () => {
    const decision = decide([
      deny("FINE_OVER_200", { fineYuan: 201 }),
      deny("POINTS_OVER_6", { points: 7 }),
      deny("FINE_OVER_200", { fineYuan: 201 }),
      deny("APP_REGISTRATION_STEP_MISSING", { step: "FACE" }),
      deny("APP_REGISTRATION_STEP_MISSING", { step: "LOCK" }),
    ]);
    expect(codesOf(decision)).toEqual([
      "FINE_OVER_200",
      "POINTS_OVER_6",
      "APP_REGISTRATION_STEP_MISSING",
      "APP_REGISTRATION_STEP_MISSING",
    ]);
  });
});
