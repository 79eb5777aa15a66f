import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DENIALS } from "./denials";
import { FAULTS } from "./faults";
import { CODES, isDenialCode, isFaultCode, ruleIdOf, type Code } from "./catalogue";
import { messageFor, placeholdersOf } from "./message";
import { AppFault } from "./app-fault";

const rules = readFileSync(new URL("../../../docs/rules.md", import.meta.url), "utf8");
const domainFacts = readFileSync(new URL("../../../docs/domain-facts.md", import.meta.url), "utf8");
const codes = Object.keys(CODES) as Code[];

describe("the code catalogue", () => {
  it("declares no code both as a denial and as a fault", () => {
    const both = Object.keys(DENIALS).filter((code) => code in FAULTS);
    expect(both).toEqual([]);
    expect(codes).toHaveLength(Object.keys(DENIALS).length + Object.keys(FAULTS).length);
  });

  it.each(codes)("%s has a Chinese and an English message with the same placeholders", (code) => {
    const entry = CODES[code];
    expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(entry.en).toMatch(/^[\x20-\x7e“”–]+$/);
    expect(placeholdersOf(entry.zh).sort()).toEqual(placeholdersOf(entry.en).sort());
  });

  it.each(Object.keys(DENIALS) as (keyof typeof DENIALS)[])(
    "denial %s names a rule of docs/rules.md (or a section of docs/domain-facts.md)",
    (code) => {
      const ruleId = ruleIdOf(code);
      const section = /^DF-(\d+(?:\.\d+)?)$/.exec(ruleId)?.[1];
      if (ruleId.startsWith("DF-")) {
        expect(section, ruleId).toBeDefined();
        return expect(domainFacts).toMatch(new RegExp(`^#+ ${section?.replace(".", "\\.")}\\.? `, "m"));
      }
      // Sub-items (R-ELG-1e) are defined in docs/rules.md as list items of their own, like whole rules.
      expect(ruleId).toMatch(/^R-[A-Z]+-\d+[A-Za-z]?$/);
      expect(rules).toMatch(new RegExp(`^\\s*- \\*\\*${ruleId}\\*\\* `, "m"));
    },
  );

  it("tells denials from faults", () => {
    expect(isDenialCode("POINTS_WOULD_REACH_12")).toBe(true);
    expect(isFaultCode("POINTS_WOULD_REACH_12")).toBe(false);
    expect(isFaultCode("WRONG_PROVINCE")).toBe(true);
    expect(isDenialCode("WRONG_PROVINCE")).toBe(false);
    expect(isDenialCode("toString")).toBe(false);
  });

  it("includes every fault code the services were promised", () => {
    const promised = [
      "BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INTERNAL_SERVER_ERROR", "RATE_LIMITED",
      "INVALID_VIOLATION_ID", "INVALID_PLATE", "INVALID_PROVINCE_CODE", "UNKNOWN_VIOLATION_CODE",
      "OCCURRED_IN_FUTURE", "IDEMPOTENCY_KEY_REUSED", "PROVINCE_UNAVAILABLE", "PROVINCE_UNKNOWN", "WRONG_PROVINCE",
      "SCHEMA_DRIFT", "QUERY_TOO_DEEP", "QUERY_TOO_COMPLEX", "TOO_MANY_ALIASES", "INTROSPECTION_DISABLED",
      "HOME_PLATFORM_UNAVAILABLE", "SMS_CODE_INVALID", "SMS_CODE_EXPIRED", "SMS_CODE_TOO_MANY_ATTEMPTS",
      "FACE_VERIFICATION_FAILED", "PRODUCTION_ADAPTER_MISSING", "LEASE_OVERLAP", "LEASE_PERIOD_INVALID",
      "VEHICLE_NOT_IN_FLEET", "UPLOAD_INVALID", "UPLOAD_TOO_LARGE", "SERVICE_TOKEN_INVALID",
    ];
    expect(promised.filter((code) => !isFaultCode(code))).toEqual([]);
  });
});

describe("messageFor", () => {
  it("fills placeholders in either language", () => {
    expect(messageFor("POINTS_WOULD_REACH_12", "en", { points: 1, current: 11 })).toBe(
      "This violation's 1 points plus the current 11 points would reach 12 or more",
    );
    expect(messageFor("FINE_OVER_200", "zh", { fineYuan: 201 })).toBe("罚款金额201元超过200元，不适用简易程序");
  });

  it("leaves a placeholder without a value visible instead of printing undefined", () => {
    expect(messageFor("FINE_OVER_200", "en", {})).toContain("{fineYuan}");
    expect(messageFor("FINE_OVER_200", "en")).not.toContain("undefined");
  });
});

describe("AppFault", () => {
  it("carries its code, details, status and a localisable message", () => {
    const fault = new AppFault("WRONG_PROVINCE", { params: { province: "51" }, details: { owner: "51" } });
    expect(fault).toBeInstanceOf(Error);
    expect(fault.code).toBe("WRONG_PROVINCE");
    expect(fault.details).toEqual({ owner: "51" });
    expect(fault.httpStatus).toBe(421);
    expect(fault.message).toBe("This request does not belong to the shard of province 51");
    expect(fault.messageIn("zh")).toBe("该请求不属于本省份服务（51）");
  });

  it("keeps the cause for the log", () => {
    const cause = new Error("connection refused");
    expect(new AppFault("INTERNAL_SERVER_ERROR", { cause }).cause).toBe(cause);
  });
});
