import { describe, expect, it } from "vitest";
import { labelOf, type LabelTable } from "./label.types";
import { LICENCE_BLOCKING_STATES, licenceStates } from "./licence-states";
import { plateTypes } from "./plate-types";
import { useNatures } from "./use-natures";
import { VEHICLE_BLOCKING_STATES, vehicleStates } from "./vehicle-states";

const tables: [string, LabelTable][] = [
  ["plateTypes", plateTypes],
  ["useNatures", useNatures],
  ["vehicleStates", vehicleStates],
  ["licenceStates", licenceStates],
];

describe("label tables (docs/domain-facts.md §5.2–5.5)", () => {
  it.each(tables)("%s has unique codes, both labels and a source", (_name, table) => {
    const codes = table.entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of table.entries) expect(e.zh.length * e.en.length).toBeGreaterThan(0);
    expect(table.source).toMatch(/docs\/domain-facts\.md §5\.\d/);
  });

  it("knows the two plate types the platform files (02 and 52) and the non-operating use nature A", () => {
    expect(labelOf(plateTypes, "02")?.zh).toBe("小型汽车");
    expect(labelOf(plateTypes, "52")?.zh).toBe("小型新能源汽车");
    expect(labelOf(useNatures, "A")?.zh).toBe("非营运");
    expect(labelOf(vehicleStates, "F")).toBeUndefined();
  });

  it("maps every R-ELG-1c / R-ELG-4 blocker to a state in its table", () => {
    for (const code of VEHICLE_BLOCKING_STATES) expect(labelOf(vehicleStates, code), code).toBeDefined();
    for (const code of LICENCE_BLOCKING_STATES) expect(labelOf(licenceStates, code), code).toBeDefined();
    expect(LICENCE_BLOCKING_STATES).toHaveLength(13);
    expect(LICENCE_BLOCKING_STATES).not.toContain("A");
  });
});
