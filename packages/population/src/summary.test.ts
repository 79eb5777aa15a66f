import { describe, expect, it } from "vitest";
import { formatSummary, summary } from "./summary";
import { demo } from "./test-fixtures";

describe("summary: it reports what it generated", () => {
  const p = demo(8);
  const s = summary(p);

  it("counts every category as the population holds it", () => {
    expect(s.accounts.total).toBe(p.accounts.length);
    expect(s.accounts.persons + s.accounts.managers).toBe(p.accounts.length);
    expect(s.licences.total).toBe(p.licences.length);
    expect(Object.values(s.licences.byPoints).reduce((a, b) => a + b, 0)).toBe(p.licences.length);
    expect(s.licences.byState.B).toBe(p.licences.filter((l) => l.states.includes("B")).length);
    expect(Object.values(s.vehicles.byPlateType).reduce((a, b) => a + b, 0)).toBe(p.vehicles.length);
    expect(s.vehicles.byPlateType["02"]).toBe(p.vehicles.filter((v) => v.plateType === "02").length);
    expect(s.filings.byStatus.ACTIVE).toBe(p.filings.filter((f) => f.status === "ACTIVE").length);
    expect(s.filings.accountsAtLimit).toBeGreaterThanOrEqual(1);
    expect(s.leases.current + s.leases.past).toBe(s.leases.total);
    expect(s.violations.simpleProcedure + s.violations.generalProcedure).toBe(p.violations.length);
    expect(Object.values(s.violations.byProvince).reduce((a, b) => a + b, 0)).toBe(p.violations.length);
    expect(s.violations.byProvince["51"]).toBe(p.violations.filter((v) => v.provinceCode === "51").length);
  });

  it("formats a readable table: labelled rows, numeric keys in numeric order", () => {
    const text = formatSummary(s);
    expect(text).toContain(`Population seed 8 as of ${p.meta.now}`);
    expect(text).toMatch(/ {2}02 小型汽车 +\d+/);
    expect(text).toMatch(/ {2}B 超分 +\d+/);
    const lines = text.split("\n");
    const start = lines.indexOf("Licences by points in the cycle") + 1;
    const section = lines.slice(start, lines.findIndex((l, i) => i >= start && !l.startsWith("  ")));
    const points = section.filter((l) => /^ {2}\d+ /.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(points.length).toBeGreaterThan(4);
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(text.indexOf("01 大型汽车")).toBeLessThan(text.indexOf("52 小型新能源汽车"));
  });
});
