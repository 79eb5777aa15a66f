import { describe, expect, it } from "vitest";
import { creditCheckCharacter, idCheckCharacter, isValidCreditCode, isValidIdNumber, makeIdNumber } from "./id-number";

describe("resident ID numbers (GB 11643 check character)", () => {
  it("accepts the standard's published example and its X check character", () => {
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
  });

  it("refuses a wrong check character, a changed digit, an impossible birth date and a bad shape", () => {
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("11010519491231012X")).toBe(false);
    const feb30 = makeIdNumber("500103", "1990-02-28", 12).replace("19900228", "19900230");
    expect(isValidIdNumber(feb30.slice(0, 17) + idCheckCharacter(feb30.slice(0, 17)))).toBe(false);
    expect(isValidIdNumber("50010319900228012")).toBe(false);
    expect(isValidIdNumber("50010319900228012x")).toBe(false);
  });

  it("builds numbers from area, birth date and sequence that validate", () => {
    const id = makeIdNumber("500103", "1985-07-09", 7);
    expect(id.slice(0, 17)).toBe("50010319850709007");
    expect(isValidIdNumber(id)).toBe(true);
    expect(() => makeIdNumber("5001", "1985-07-09", 7)).toThrow(RangeError);
    expect(() => makeIdNumber("500103", "1985-07-09", 1000)).toThrow(RangeError);
  });
});

describe("unified social credit codes (GB 32100 check character)", () => {
  it("accepts published examples and refuses altered ones", () => {
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("91110000600037341L")).toBe(true);
    expect(isValidCreditCode("91350100M000100Y44")).toBe(false);
    expect(isValidCreditCode("91350100M000100I43")).toBe(false);
    expect(creditCheckCharacter("91350100M000100Y4")).toBe("3");
  });
});
