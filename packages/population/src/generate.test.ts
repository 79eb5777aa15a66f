import { describe, expect, it } from "vitest";
import { PROVINCES as CATALOGUE } from "@jg/provinces";
import { generatePopulation } from "./generate";
import { presets } from "./options";
import { NOW, PROVINCES, demo, tiny } from "./test-fixtures";
import { isHandleableWithPoints } from "./violations";

describe("generatePopulation: determinism", () => {
  it("gives a deep-equal population for the same seed and options", () => {
    expect(demo(11)).toEqual(demo(11));
    expect(tiny(11)).toEqual(tiny(11));
  });

  it("gives different populations for different seeds", () => {
    const [a, b] = [demo(1), demo(2)];
    expect(a.accounts.map((x) => x.idNumber)).not.toEqual(b.accounts.map((x) => x.idNumber));
    expect(a.vehicles.map((v) => v.plate)).not.toEqual(b.vehicles.map((v) => v.plate));
    expect(a.violations.map((v) => v.occurredAt)).not.toEqual(b.violations.map((v) => v.occurredAt));
  });

  it("depends on now only through its argument: records move with it", () => {
    const later = generatePopulation(presets.demo({ seed: 5, now: new Date(NOW.getTime() + 86_400_000), provinces: PROVINCES }));
    const base = demo(5);
    expect(later.accounts.map((a) => a.name)).toEqual(base.accounts.map((a) => a.name));
    expect(Date.parse(later.violations[0]!.occurredAt) - Date.parse(base.violations[0]!.occurredAt)).toBe(86_400_000);
  });

  it("is plain JSON: a round trip through JSON.stringify changes nothing", () => {
    const p = demo(3);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it("records its normalised options, with 50 added first when missing and duplicates dropped", () => {
    const p = tiny(1, ["51", "52", "51"]);
    expect(p.meta.provinces).toEqual(["50", "51", "52"]);
    expect(p.meta.now).toBe(NOW.toISOString());
    expect(p.meta.officersPerProvince).toBe(1);
  });

  it("refuses options it cannot honour", () => {
    const base = presets.tiny({ seed: 1, now: NOW, provinces: ["50"] });
    expect(() => generatePopulation({ ...base, provinces: ["99"] })).toThrow(/province/);
    expect(() => generatePopulation({ ...base, violationsPerVehicle: { min: 3, max: 1 } })).toThrow(/min/);
    expect(() => generatePopulation({ ...base, citizens: -1 })).toThrow();
    expect(() => generatePopulation({ ...base, now: new Date(Number.NaN) })).toThrow();
    expect(() => generatePopulation({ ...base, camerasPerProvince: 0 })).toThrow();
  });

  it("sizes by its options: one licence per citizen, one manager per company and partner", () => {
    const p = generatePopulation(presets.load({ seed: 4, now: NOW, provinces: ["50", "51"], citizens: 300, companies: 7, partners: 2 }));
    expect(p.licences).toHaveLength(300);
    expect(p.accounts).toHaveLength(300 + 7 + 2);
    expect(p.companies).toHaveLength(9);
    expect(p.partners).toHaveLength(2);
    const none = generatePopulation({ ...presets.tiny({ seed: 4, now: NOW, provinces: ["50"] }), violationsPerVehicle: { min: 0, max: 0 } });
    expect(none.violations).toEqual([]);
  });
});

describe("generatePopulation: every occurrence province has a violation a citizen can handle", () => {
  it("covers all 31 provinces even when a small population spreads over them (scenarios and the load mode copy its code)", () => {
    const every = ["50", ...CATALOGUE.map((p) => p.code).filter((c) => c !== "50")];
    expect(every).toHaveLength(31);
    for (const seed of [1, 2, 3]) {
      const p = generatePopulation(presets.load({ seed, now: NOW, provinces: every, citizens: 20 }));
      const covered = new Set(p.violations.filter(isHandleableWithPoints).map((v) => v.provinceCode));
      expect(every.filter((c) => !covered.has(c))).toEqual([]);
    }
  });
});
