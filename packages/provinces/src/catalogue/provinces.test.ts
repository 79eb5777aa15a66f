import { describe, expect, it } from "vitest";
import { checkAreaCode } from "../ids/violation-id";
import { HOME_PROVINCE_CODE } from "./home-province";
import { parseProvinceCode } from "./province-code";
import { PROVINCES, isProvinceCode, provinceByCode, provinceByPlate } from "./provinces";
import { withProvinceOverrides } from "./overrides";

describe("province catalogue", () => {
  it("has exactly 31 provinces with unique codes, plate characters and hosts", () => {
    expect(PROVINCES).toHaveLength(31);
    for (const key of ["code", "plate", "host"] as const) {
      expect(new Set(PROVINCES.map((p) => p[key])).size, key).toBe(31);
    }
  });

  it("names Chongqing (重庆, plate 渝) as the home province, by its one constant", () => {
    expect(provinceByCode(HOME_PROVINCE_CODE)).toMatchObject({ nameZh: "重庆", plate: "渝" });
  });

  it("uses 贵 for Guizhou and 云 for Yunnan, the plate characters of docs/domain-facts.md §5.1", () => {
    expect(provinceByPlate("贵")?.code).toBe("52");
    expect(provinceByPlate("云")?.code).toBe("53");
    expect(provinceByPlate("黔")).toBeUndefined();
    expect(provinceByPlate("滇")).toBeUndefined();
  });

  it("looks provinces up by code and by plate character", () => {
    expect(provinceByCode("50")).toMatchObject({ nameZh: "重庆", nameEn: "Chongqing", plate: "渝", host: "cq" });
    expect(provinceByPlate("川")?.nameEn).toBe("Sichuan");
    expect(provinceByCode("99")).toBeUndefined();
    expect(isProvinceCode("61")).toBe(true);
    expect(isProvinceCode("6")).toBe(false);
    expect(isProvinceCode(61)).toBe(false);
  });

  it("gives every province a capital and area codes that are valid recording areas of that province", () => {
    for (const p of PROVINCES) {
      expect(p.areaCodes, p.code).toContain(p.capitalAreaCode);
      for (const area of p.areaCodes) {
        expect(area.startsWith(p.code), area).toBe(true);
        expect(checkAreaCode(area).ok, area).toBe(true);
      }
    }
    expect(provinceByCode("50")?.areaCodes).toContain("504500");
  });

  it("marks every platform open and the assumed 122 objection phone as assumed (R-ELG-1d, R-OBJ-1)", () => {
    for (const p of PROVINCES) {
      expect(p.platformOpen).toBe(true);
      expect(p.objection).toMatchObject({ phone: "122", assumed: true });
      expect(p.objection.source).toContain("ASSUMED");
      expect(p.source.length).toBeGreaterThan(0);
    }
  });

  it("writes a business notice in both languages naming the 2-hour deadline, the window and no fees (R-OPS-2)", () => {
    const cq = provinceByCode("50");
    expect(cq?.businessNoticeZh).toMatch(/2小时内/);
    expect(cq?.businessNoticeZh).toMatch(/22:00至次日01:00/);
    expect(cq?.businessNoticeZh).toMatch(/不收取任何手续费/);
    expect(cq?.businessNoticeZh).toMatch(/200元/);
    expect(cq?.businessNoticeEn).toMatch(/within 2 hours/);
    expect(cq?.businessNoticeEn).toMatch(/22:00 to 01:00/);
    expect(cq?.businessNoticeEn).toMatch(/no fee/);
    expect(provinceByCode("51")?.businessNoticeEn).toMatch(/\(Sichuan\)/);
  });
});

describe("parseProvinceCode", () => {
  it.each([
    ["50", true],
    ["5", false],
    ["500", false],
    ["99", false],
    ["５０", false],
    ["", false],
  ])("%j → ok %s", (code, ok) => {
    const result = parseProvinceCode(code);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.code).toBe("INVALID_PROVINCE_CODE");
  });
});

describe("withProvinceOverrides", () => {
  it("closes a platform and rewrites the notice's window without touching other provinces", () => {
    const changed = withProvinceOverrides(PROVINCES, {
      "51": { platformOpen: false, maintenance: { from: "02:00", to: "04:00" }, objection: { phone: "028-12345678", source: "config" } },
    });
    const sc = changed.find((p) => p.code === "51");
    expect(sc?.platformOpen).toBe(false);
    expect(sc?.businessNoticeZh).toMatch(/02:00至次日04:00/);
    expect(sc?.objection).toMatchObject({ phone: "028-12345678", assumed: false, source: "config" });
    expect(changed.find((p) => p.code === "50")).toBe(provinceByCode("50"));
    expect(provinceByCode("51")?.platformOpen).toBe(true);
  });

  it("refuses an unknown province and a malformed window", () => {
    expect(() => withProvinceOverrides(PROVINCES, { "99": { platformOpen: false } })).toThrow(
      expect.objectContaining({ code: "INVALID_PROVINCE_CODE" }),
    );
    expect(() => withProvinceOverrides(PROVINCES, { "50": { maintenance: { from: "25:00", to: "01:00" } } })).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT" }),
    );
  });
});
