import { AppFault } from "@jg/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROVINCES } from "../catalogue/provinces";
import { makeViolationId, parseViolationId, provinceOfViolationId } from "./violation-id";

describe("violation IDs (docs/design.md §3: 16 digits, area code first)", () => {
  it("makes and parses an ID whose first two digits name the province", () => {
    const id = makeViolationId("510300", 42);
    expect(id).toBe("5103000000000042");
    expect(parseViolationId(id)).toEqual({ ok: true, value: { id, areaCode: "510300", provinceCode: "51", serial: "0000000042" } });
    expect(provinceOfViolationId(id)).toBe("51");
  });

  it("accepts Chongqing's police-unit prefix 504500 (docs/domain-facts.md §5.1)", () => {
    expect(provinceOfViolationId(makeViolationId("504500", 7n))).toBe("50");
  });

  it.each([
    ["15 digits", "510100000000004"],
    ["17 digits", "51010000000000042"],
    ["letters", "51010000000000AB"],
    ["a space", "5101000000 00042"],
    ["full-width digits", "５１０１００００００００００４２"],
    ["a sign", "-510100000000042"],
    ["unknown province 99", "9901000000000042"],
    ["unknown province 00", "0001000000000042"],
    ["a province-level area code", "5100000000000042"],
    ["empty", ""],
  ])("rejects %s", (_why, id) => {
    const result = parseViolationId(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe("INVALID_VIOLATION_ID");
    expect(() => provinceOfViolationId(id)).toThrow(AppFault);
  });

  it("rejects an ID whose area code does not start with the expected province (a shard refusing foreign work)", () => {
    const id = makeViolationId("510100", 1);
    expect(parseViolationId(id, "51").ok).toBe(true);
    const foreign = parseViolationId(id, "50");
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.message).toMatch(/province 51, not 50/);
  });

  it("throws an AppFault with the input and reason for a malformed ID", () => {
    try {
      provinceOfViolationId("123");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppFault);
      expect((error as AppFault).code).toBe("INVALID_VIOLATION_ID");
      expect((error as AppFault).message).toContain("123");
      expect((error as AppFault).details?.["reason"]).toMatch(/16 digits/);
    }
  });

  it.each([
    ["a negative serial", "510100", -1],
    ["a fractional serial", "510100", 1.5],
    ["an overflowing serial", "510100", 10_000_000_000],
    ["an overflowing bigint", "510100", 10n ** 10n],
  ])("makeViolationId throws on %s", (_why, area, serial) => {
    expect(() => makeViolationId(area, serial)).toThrow(RangeError);
  });

  it.each([["5101"], ["990100"], ["51010a"], ["510000"]])("makeViolationId refuses area code %s", (area) => {
    expect(() => makeViolationId(area, 1)).toThrow(expect.objectContaining({ code: "INVALID_VIOLATION_ID" }));
  });

  it("accepts the largest serial", () => {
    expect(makeViolationId("110100", 9_999_999_999)).toBe("1101009999999999");
  });

  it("round-trips parse(make(area, serial)) for every catalogue area and any serial (property)", () => {
    const areas = PROVINCES.flatMap((p) => p.areaCodes);
    fc.assert(
      fc.property(fc.constantFrom(...areas), fc.bigInt({ min: 0n, max: 9_999_999_999n }), (area, serial) => {
        const id = makeViolationId(area, serial);
        const parsed = parseViolationId(id);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.areaCode).toBe(area);
        expect(parsed.value.provinceCode).toBe(area.slice(0, 2));
        expect(BigInt(parsed.value.serial)).toBe(serial);
        expect(makeViolationId(parsed.value.areaCode, BigInt(parsed.value.serial))).toBe(id);
      }),
    );
  });
});
