import { describe, expect, it } from "vitest";
import { FINE_SCHEDULES } from "./book";
import { withScheduleOverrides } from "./overrides";
import { fineItem } from "./select";

const after2021 = new Date("2024-05-01T00:00:00Z");
const before2021 = new Date("2019-05-01T00:00:00Z");

describe("withScheduleOverrides", () => {
  it("sets a NOT FOUND figure in one version only, keeping the base untouched", () => {
    const book = withScheduleOverrides(FINE_SCHEDULES, [
      { provinceCode: "50", version: "50@2021-04-20", code: "1625", fineYuan: 150, source: "deployment config" },
    ]);
    expect(fineItem("50", "1625", after2021, book)).toMatchObject({ fineYuan: 150, assumed: false, fineSource: "deployment config" });
    expect(fineItem("50", "1625", before2021, book)?.fineYuan).toBe(200);
    expect(fineItem("50", "1625", after2021)?.fineYuan).toBe(200);
  });

  it("applies to every version when none is named, resolves aliases, and lets the last override win", () => {
    const book = withScheduleOverrides(FINE_SCHEDULES, [
      { provinceCode: "50", code: "1344", fineYuan: 50, source: "a" },
      { provinceCode: "50", code: "1116", fineYuan: 80, source: "b", assumed: true },
    ]);
    expect(fineItem("50", "1116", after2021, book)).toMatchObject({ fineYuan: 80, assumed: true });
    expect(fineItem("50", "1116", before2021, book)?.fineYuan).toBe(80);
  });

  it("can set a warning and overrides a province without researched data on top of its default", () => {
    const book = withScheduleOverrides(FINE_SCHEDULES, [
      { provinceCode: "65", code: "9010", fineYuan: 0, warningOnly: true, source: "config" },
    ]);
    expect(fineItem("65", "9010", after2021, book)).toMatchObject({ warningOnly: true, fineYuan: 0, simpleProcedure: true });
  });

  it.each([
    ["a fine above the §90 range", { provinceCode: "50", code: "1625", fineYuan: 201, source: "x" }, "BAD_USER_INPUT"],
    ["a fine below the §90 range", { provinceCode: "50", code: "1625", fineYuan: 10, source: "x" }, "BAD_USER_INPUT"],
    ["a warning for a §99 offence", { provinceCode: "50", code: "9013", fineYuan: 0, warningOnly: true, source: "x" }, "BAD_USER_INPUT"],
    ["a warning with a fine", { provinceCode: "50", code: "1625", fineYuan: 100, warningOnly: true, source: "x" }, "BAD_USER_INPUT"],
    ["a §99 fine above ¥2000", { provinceCode: "50", code: "9011", fineYuan: 2500, source: "x" }, "BAD_USER_INPUT"],
    ["no source", { provinceCode: "50", code: "1625", fineYuan: 100, source: " " }, "BAD_USER_INPUT"],
    ["an unknown version", { provinceCode: "50", version: "50@2030-01-01", code: "1625", fineYuan: 100, source: "x" }, "BAD_USER_INPUT"],
    ["an unknown province", { provinceCode: "99", code: "1625", fineYuan: 100, source: "x" }, "INVALID_PROVINCE_CODE"],
    ["an unknown code", { provinceCode: "50", code: "0000", fineYuan: 100, source: "x" }, "UNKNOWN_VIOLATION_CODE"],
  ])("refuses %s", (_why, override, code) => {
    expect(() => withScheduleOverrides(FINE_SCHEDULES, [override])).toThrow(expect.objectContaining({ code }));
  });
});
