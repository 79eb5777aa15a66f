import { describe, expect, it } from "vitest";
import { POINT_VALUES } from "./violation-code.types";
import { VIOLATION_CODES, parseViolationCode, violationCode } from "./violation-codes";

describe("violation codes (docs/domain-facts.md §2)", () => {
  it("model every row of the §2 table once", () => {
    expect(VIOLATION_CODES.map((e) => e.factsRow)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
  });

  it("have unique codes and aliases that clash with no code", () => {
    const all = VIOLATION_CODES.flatMap((e) => [e.code, ...e.aliases]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("carry 163号令 points and cite where they come from", () => {
    for (const e of VIOLATION_CODES) {
      expect(POINT_VALUES, e.code).toContain(e.points);
      expect(e.pointsSource, e.code).toMatch(/^163号令 §/);
      if (e.points > 0) expect(e.pointsSource, e.code).toMatch(/§(8|9|10|11|12)-\d+/);
      expect(e.source, e.code).toMatch(/^docs\/domain-facts\.md §2 row \d+: /);
      expect(e.descriptionZh.length * e.descriptionEn.length, e.code).toBeGreaterThan(0);
    }
  });

  it("keep the reserved 9xxx range for assumed codes and never pass an assumed code off as real", () => {
    for (const e of VIOLATION_CODES) {
      expect(e.code.startsWith("9"), e.code).toBe(e.codeConfidence === "assumed");
      if (e.codeConfidence === "assumed") expect(e.source, e.code).toMatch(/NOT FOUND/);
    }
  });

  it("include offences both inside and outside the self-service limit of 6 points (R-ELG-1e)", () => {
    expect(VIOLATION_CODES.filter((e) => e.points <= 6).length).toBeGreaterThan(20);
    expect(VIOLATION_CODES.filter((e) => e.points > 6).map((e) => e.code).sort()).toEqual(["9013", "9014", "9015"]);
    expect(VIOLATION_CODES.filter((e) => e.penaltyBasis === "§99").map((e) => e.code).sort()).toEqual(["9011", "9013"]);
  });

  it("resolve legacy aliases to their current entry and refuse unknown codes", () => {
    expect(violationCode("1344")?.code).toBe("1116");
    expect(violationCode("60112")?.code).toBe("1120");
    expect(violationCode("16250")?.code).toBe("1625");
    const unknown = parseViolationCode("0000");
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.code).toBe("UNKNOWN_VIOLATION_CODE");
    expect(parseViolationCode("1625").ok).toBe(true);
  });
});
