import { describe, expect, it } from "vitest";
import { formatPlate, parsePlate } from "./plate";

describe("parsePlate accepts", () => {
  it.each([
    ["渝A12345", "50", "A", "12345", false],
    ["川AB123C", "51", "A", "B123C", false],
    ["贵A0000Z", "52", "A", "0000Z", false],
    ["京N8K7M6", "11", "N", "8K7M6", false],
    ["粤BD12345", "44", "B", "D12345", true],
    ["粤BDF1234", "44", "B", "DF1234", true],
    ["浙AF00001", "33", "A", "F00001", true],
    ["陕A12345D", "61", "A", "12345D", true],
    ["湘A54321F", "43", "A", "54321F", true],
  ])("%s (province %s, authority %s, serial %s, new energy %s)", (plate, provinceCode, authority, serial, newEnergy) => {
    const result = parsePlate(plate);
    expect(result).toEqual({ ok: true, value: { plate, provinceCode, prefix: [...plate][0], authority, serial, newEnergy } });
  });
});

describe("parsePlate rejects", () => {
  it.each([
    ["lower-case authority", "渝a12345"],
    ["lower-case serial", "渝A1234b"],
    ["a space", "渝A 12345"],
    ["the display dot", "渝A·12345"],
    ["a leading space", " 渝A12345"],
    ["too short", "渝A1234"],
    ["too long for ordinary or new energy", "渝A1234567"],
    ["not a province character", "中A12345"],
    ["Guizhou's other name", "黔A12345"],
    ["letter I in the serial", "渝A1234I"],
    ["letter O in the serial", "渝AO1234"],
    ["authority I", "渝I12345"],
    ["digit authority", "渝112345"],
    ["new energy without D/F", "渝AA12345"],
    ["small NEV with letters in the 4 digits", "渝AD1234X"],
    ["large NEV with a letter among the 5 digits", "渝A1234AD"],
    ["full-width digits", "渝A１２３４５"],
    ["empty", ""],
  ])("%s: %j", (_why, plate) => {
    const result = parsePlate(plate);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("INVALID_PLATE");
      expect(result.message.length).toBeGreaterThan(0);
    }
  });
});

describe("formatPlate", () => {
  it("puts the customary dot after the authority letter", () => {
    expect(formatPlate("渝A12345")).toBe("渝A·12345");
    expect(formatPlate("粤BD12345")).toBe("粤B·D12345");
  });
  it("returns an unparseable input unchanged", () => {
    expect(formatPlate("not a plate")).toBe("not a plate");
  });
});
