import { describe, expect, it } from "vitest";
import { codesOf } from "./denial";
import { decideHandlingPlatform, handlingProvince, objectionAuthority } from "./jurisdiction";

describe("jurisdiction", () => {
  it.each([
    { name: "R-OOP-1 a Chongqing violation is handled in Chongqing by its schedule", code: "50", out: false },
    { name: "R-OOP-1 a Sichuan violation is handled in Sichuan by Sichuan's schedule", code: "51", out: true },
    { name: "R-OOP-1 a Guangdong violation is handled in Guangdong by Guangdong's schedule", code: "44", out: true },
  ])("$name", ({ code, out }) => {
    expect(handlingProvince({ provinceCode: code })).toEqual({ handledBy: code, fineSchedule: code, outOfProvince: out });
  });

  it("R-OOP-1 measures out-of-province against the given home province", () => {
    expect(handlingProvince({ provinceCode: "51" }, "51").outOfProvince).toBe(false);
  });

  it("R-OOP-1 lets only the occurrence province's platform handle, others hand over", () => {
    expect(decideHandlingPlatform({ provinceCode: "51" }, "51")).toEqual({ ok: true });
    const refused = decideHandlingPlatform({ provinceCode: "51" }, "50");
    expect(codesOf(refused)).toEqual(["HANDLED_BY_OCCURRENCE_PROVINCE"]);
    expect(refused.ok ? "" : refused.denials[0]?.message.en).toContain("province 51");
  });

  it("R-OBJ-1 sends an objection to the occurrence place's traffic police, never the platform", () => {
    expect(objectionAuthority({ provinceCode: "51", agencyAreaCode: "510100" })).toMatchObject({
      kind: "OCCURRENCE_TRAFFIC_POLICE",
      provinceCode: "51",
      agencyAreaCode: "510100",
      onPlatform: false,
      denial: { code: "OBJECTION_NOT_ON_PLATFORM", ruleId: "R-OBJ-1" },
    });
    expect(objectionAuthority({ provinceCode: "50" })).not.toHaveProperty("agencyAreaCode");
  });
});
