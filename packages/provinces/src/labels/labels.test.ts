import { describe, expect, it } from "vitest";
import { isCodeOf, labelOf, type LabelTable } from "./label.types";
import { licenceStates } from "./licence-states";
import { plateTypes } from "./plate-types";
import { useNatures } from "./use-natures";
import { vehicleStates } from "./vehicle-states";

const tables: [string, LabelTable][] = [
  ["plateTypes", plateTypes],
  ["useNatures", useNatures],
  ["vehicleStates", vehicleStates],
  ["licenceStates", licenceStates],
];

describe("code tables, the one definition of each (docs/domain-facts.md §5.2–5.5)", () => {
  it.each(tables)("%s has unique codes in entry order, both labels and a source", (_name, table) => {
    expect(table.codes).toEqual(table.entries.map((e) => e.code));
    expect(new Set(table.codes).size).toBe(table.codes.length);
    for (const e of table.entries) expect(e.zh.length * e.en.length).toBeGreaterThan(0);
    expect(table.source).toMatch(/docs\/domain-facts\.md §5\.\d/);
  });

  it("lists every plate type of §5.2, the armed police's 31 and the army's 32 included", () => {
    expect(plateTypes.codes).toEqual([
      "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18",
      "19", "20", "21", "22", "23", "24", "25", "26", "27", "31", "32", "51", "52", "99",
    ]);
    expect(labelOf(plateTypes, "02")?.zh).toBe("小型汽车");
    expect(labelOf(plateTypes, "52")?.zh).toBe("小型新能源汽车");
  });

  it("knows the letters of §5.3–5.5 and no others (no vehicle state F)", () => {
    expect(useNatures.codes.join("")).toBe("ABCDEFGHIJKLMNRZ");
    expect(vehicleStates.codes.join("")).toBe("ABCDEGHIJKLMNOPQ");
    expect(licenceStates.codes.join("")).toBe("ABCDEFGHIJKLMNPRSTU");
    expect(labelOf(useNatures, "A")?.zh).toBe("非营运");
    expect(isCodeOf(vehicleStates, "F")).toBe(false);
    expect(isCodeOf(vehicleStates, "P")).toBe(true);
  });
});
