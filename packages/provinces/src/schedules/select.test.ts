import { describe, expect, it } from "vitest";
import { cstDay, fineItem, scheduleInForce, schedulesOf } from "./select";

describe("scheduleInForce (R-OOP-1: the occurrence province's standard at the time of the violation)", () => {
  it.each([
    ["the last instant of 2021-04-19 CST", "2021-04-19T15:59:59.999Z", "50@2004-05-01"],
    ["00:00 CST on 2021-04-20 (16:00 UTC the day before)", "2021-04-19T16:00:00.000Z", "50@2021-04-20"],
    ["noon CST on 2021-04-19", "2021-04-19T04:00:00.000Z", "50@2004-05-01"],
    ["23:59 UTC on 2021-04-19, already the 20th in CST", "2021-04-19T23:59:00.000Z", "50@2021-04-20"],
    ["a 2015 violation", "2015-06-01T02:00:00.000Z", "50@2004-05-01"],
    ["a 2026 violation", "2026-01-01T00:00:00.000Z", "50@2021-04-20"],
  ])("Chongqing at %s uses %s", (_why, iso, version) => {
    expect(scheduleInForce("50", new Date(iso)).version).toBe(version);
  });

  it("uses the CST day, not the process time zone, for a version's first day", () => {
    expect(cstDay(new Date("2021-04-19T16:00:00Z"))).toBe("2021-04-20");
    expect(cstDay(new Date("2021-04-19T15:59:59.999Z"))).toBe("2021-04-19");
    expect(() => cstDay(new Date("nonsense"))).toThrow(RangeError);
  });

  it("fines a Chongqing parking offence by the standard of its date, not of today (docs/domain-facts.md §9.7)", () => {
    expect(fineItem("50", "10391", new Date("2014-03-01T01:00:00Z"))?.fineYuan).toBe(20);
    expect(fineItem("50", "10391", new Date("2022-03-01T01:00:00Z"))?.fineYuan).toBe(100);
  });

  it("refuses a time before a province's first version", () => {
    expect(() => scheduleInForce("11", new Date("2010-12-22T15:59:59Z"))).toThrow(RangeError);
    expect(scheduleInForce("11", new Date("2010-12-22T16:00:00Z")).version).toBe("11@2010-12-23");
  });

  it("falls back to an all-assumed default for a province without researched data", () => {
    const v = scheduleInForce("65", new Date("2025-01-01T00:00:00Z"));
    expect(v.provinceCode).toBe("65");
    expect(v.items.every((i) => i.assumed)).toBe(true);
  });

  it("refuses a code that is not a province", () => {
    expect(() => schedulesOf("99")).toThrow(expect.objectContaining({ code: "INVALID_PROVINCE_CODE" }));
  });

  it("finds items by legacy alias and answers undefined for an unknown code", () => {
    const at = new Date("2025-01-01T00:00:00Z");
    expect(fineItem("11", "16250", at)).toMatchObject({ code: "1625", fineYuan: 200, points: 6, assumed: false });
    expect(fineItem("11", "0000", at)).toBeUndefined();
  });
});
