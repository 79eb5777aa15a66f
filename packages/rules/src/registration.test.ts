import { describe, expect, it } from "vitest";
import { decideRegistrationComplete, registrationSteps, type Step } from "./registration";

describe("registration", () => {
  it("R-REG-1 the app registration has six steps in the manual's order", () => {
    expect(registrationSteps("APP")).toEqual(["PROVINCE", "PERSONAL_DATA", "PERMISSIONS", "FACE", "SMS", "LOCK"]);
  });

  it("R-REG-2 the website registration has three steps in the manual's order", () => {
    expect(registrationSteps("WEB")).toEqual(["USER_DATA", "USER_TYPE", "SMS"]);
  });

  it.each<{ name: string; channel: "APP" | "WEB"; done: Step[]; missing: string[] }>([
    { name: "R-REG-1 an app account with every step done may act", channel: "APP", done: registrationSteps("APP"), missing: [] },
    {
      name: "R-REG-1 an app account without face recognition and lock is missing both",
      channel: "APP",
      done: ["PROVINCE", "PERSONAL_DATA", "PERMISSIONS", "SMS"],
      missing: ["face recognition", "set a fingerprint or gesture lock"],
    },
    {
      name: "R-REG-2 a website account needs no face recognition",
      channel: "WEB",
      done: ["USER_DATA", "USER_TYPE", "SMS"],
      missing: [],
    },
    {
      name: "R-REG-2 a website account without SMS verification is missing it",
      channel: "WEB",
      done: ["USER_DATA", "USER_TYPE", "FACE"],
      missing: ["SMS verification"],
    },
    {
      name: "R-REG-1 steps of the other channel do not count",
      channel: "APP",
      done: ["USER_DATA", "USER_TYPE", "SMS"],
      missing: ["choose the province", "enter personal data", "grant permissions", "face recognition", "set a fingerprint or gesture lock"],
    },
  ])("$name", ({ channel, done, missing }) => {
    const decision = decideRegistrationComplete(channel, done);
    expect(decision.ok).toBe(missing.length === 0);
    const denials = decision.ok ? [] : decision.denials;
    expect(denials.map((d) => /“(.*)”/.exec(d.message.en)?.[1])).toEqual(missing);
    for (const denial of denials) expect(denial.ruleId).toBe(channel === "APP" ? "R-REG-1" : "R-REG-2");
  });

  it("R-REG-1 names the missing step in Chinese", () => {
    const decision = decideRegistrationComplete("APP", registrationSteps("APP").filter((s) => s !== "FACE"));
    expect(decision.ok ? "" : decision.denials[0]?.message.zh).toBe("APP注册尚未完成：缺少“人脸识别”步骤");
  });
});
