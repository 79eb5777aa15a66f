import { describe, expect, it } from "vitest";
import { PROVINCES } from "../catalogue/provinces";
import { POINT_VALUES } from "../codes/violation-code.types";
import { VIOLATION_CODES, violationCode } from "../codes/violation-codes";
import { FINE_SCHEDULES } from "./book";
import { defaultSchedule } from "./defaults";
import { problemsOf } from "./legal-range";
import { type ScheduleVersion } from "./schedule.types";

/**
 * Every figure that docs/domain-facts.md gives with a citation, as `version code fine`. Any other figure in
 * the data must be marked assumed; a figure added or dropped without updating this list fails below.
 */
const CITED = `
11@2010-12-23 1625 200 | 11@2010-12-23 1039 200 | 11@2010-12-23 10391 200 | 11@2010-12-23 10393 200
11@2010-12-23 10394 200 | 11@2010-12-23 1116 100 | 11@2010-12-23 1117 100 | 11@2010-12-23 9006 100
11@2010-12-23 1120 50 | 11@2010-12-23 1362 200 | 11@2010-12-23 1357 200 | 11@2010-12-23 1373 200
11@2010-12-23 9009 200 | 11@2010-12-23 9010 200 | 11@2010-12-23 1303 200 | 11@2010-12-23 9012 200
11@2010-12-23 4305 200 | 11@2010-12-23 1019 200 | 11@2010-12-23 1208 100 | 11@2010-12-23 9016 100
33@2004-05-01 1625 150 | 33@2004-05-01 1039 150 | 33@2004-05-01 10391 50 | 33@2004-05-01 1116 100
33@2004-05-01 1117 100 | 33@2004-05-01 1373 200 | 33@2004-05-01 1208 100
43@2004-05-01 1625 150 | 43@2004-05-01 1303 150
44@2004-05-01 1625 200 | 44@2004-05-01 1116 200 | 44@2004-05-01 1117 200 | 44@2004-05-01 9006 200
44@2004-05-01 1120 200 | 44@2004-05-01 1357 200 | 44@2004-05-01 1373 200 | 44@2004-05-01 1208 200
44@2004-05-01 1039 200 | 44@2004-05-01 1303 150 | 44@2004-05-01 1019 150 | 44@2004-05-01 1018 150
44@2004-05-01 4305 200 | 44@2004-05-01 7012 200
50@2004-05-01 10391 20 | 50@2004-05-01 1120 200
50@2021-04-20 1039 100 | 50@2021-04-20 10391 100 | 50@2021-04-20 10393 100 | 50@2021-04-20 10394 100
50@2021-04-20 1116 100 | 50@2021-04-20 1117 100 | 50@2021-04-20 9006 100 | 50@2021-04-20 1019 100
50@2021-04-20 1208 100 | 50@2021-04-20 1211 100 | 50@2021-04-20 9016 100
51@2012-11-30 9010 200
`
  .split(/[|\n]/)
  .map((s) => s.trim())
  .filter(Boolean)
  .sort();

const allVersions: ScheduleVersion[] = [
  ...Object.values(FINE_SCHEDULES).flat(),
  ...PROVINCES.filter((p) => !FINE_SCHEDULES[p.code]).map((p) => defaultSchedule(p.code)),
];

describe("fine schedules", () => {
  it("give schedules to the provinces of issue #3 and of the start command (50 51 52 11 44 33 42 43 61)", () => {
    expect(Object.keys(FINE_SCHEDULES).sort()).toEqual(["11", "33", "42", "43", "44", "50", "51", "52", "61"]);
    expect(FINE_SCHEDULES["50"]?.length).toBeGreaterThanOrEqual(2);
  });

  it.each(allVersions.map((v) => [v.version, v] as const))("%s: every item is lawful for its procedure, with 163号令 points and a source", (_name, v) => {
    expect(v.items.map((i) => i.code)).toEqual(VIOLATION_CODES.map((e) => e.code));
    for (const item of v.items) {
      const entry = violationCode(item.code);
      expect(entry).toBeDefined();
      if (!entry) continue;
      expect(problemsOf(item, entry), item.code).toEqual([]);
      expect(POINT_VALUES).toContain(item.points);
      expect(item.fineSource.trim().length, item.code).toBeGreaterThan(0);
      // An assumed figure says so in its source; a cited one never does.
      expect(item.fineSource.startsWith("ASSUMED"), `${v.version} ${item.code}`).toBe(item.assumed);
    }
    expect(v.source.length).toBeGreaterThan(0);
    expect(v.version).toBe(`${v.provinceCode}@${v.effectiveFrom}`);
  });

  it("mark as assumed every figure not cited from docs/domain-facts.md: the non-assumed figures are exactly the cited list", () => {
    const notAssumed = allVersions
      .flatMap((v) => v.items.filter((i) => !i.assumed).map((i) => `${v.version} ${i.code} ${i.fineYuan}`))
      .sort();
    expect(notAssumed).toEqual(CITED);
  });

  it("keep each province's versions in date order with distinct effective dates", () => {
    for (const [code, versions] of Object.entries(FINE_SCHEDULES)) {
      const dates = versions.map((v) => v.effectiveFrom);
      expect(dates, code).toEqual([...dates].sort());
      expect(new Set(dates).size, code).toBe(dates.length);
      for (const v of versions) expect(v.provinceCode).toBe(code);
    }
  });

  it("make §99 offences general procedure and everything else ≤ ¥200 simple procedure", () => {
    for (const v of allVersions) {
      for (const item of v.items) {
        const basis = violationCode(item.code)?.penaltyBasis;
        expect(item.simpleProcedure, `${v.version} ${item.code}`).toBe(basis !== "§99");
        if (basis === "§99") expect(item.fineYuan).toBeGreaterThan(200);
      }
    }
  });

  it("give the simulator both self-service-eligible items and items beyond the limits (R-ELG-1e)", () => {
    const cq = FINE_SCHEDULES["50"]?.at(-1);
    const eligible = cq?.items.filter((i) => i.simpleProcedure && i.points <= 6) ?? [];
    const beyond = cq?.items.filter((i) => !i.simpleProcedure || i.points > 6) ?? [];
    expect(eligible.length).toBeGreaterThan(20);
    expect(beyond.map((i) => i.code).sort()).toEqual(["9011", "9013", "9014", "9015"]);
    expect(cq?.items.some((i) => i.warningOnly)).toBe(true);
  });

  it("differ between provinces for the same offence (R-OOP-1)", () => {
    const redLight = Object.values(FINE_SCHEDULES).map((vs) => vs.at(-1)?.items.find((i) => i.code === "1625")?.fineYuan);
    expect(new Set(redLight).size).toBeGreaterThan(1);
  });

  it("default schedules assume every figure", () => {
    const v = defaultSchedule("65");
    expect(v.provinceCode).toBe("65");
    expect(v.items.every((i) => i.assumed)).toBe(true);
  });
});
