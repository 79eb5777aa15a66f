import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_TABLE, EPIDEMIC_2020_POLICY, STANDARD_POLICY, policyFor, type PolicyTable } from "./policy";
import { cst } from "./test-fixtures";

describe("policyFor", () => {
  it.each([
    { name: "R-ELG-2 the standard policy applies the day before the 2020 manual", at: cst("2020-02-11T23:59:59"), province: "50", policy: "standard" },
    { name: "R-ELG-2 the epidemic policy applies in Chongqing from the manual's date", at: cst("2020-02-12T00:00:00"), province: "50", policy: "epidemic-2020" },
    { name: "R-ELG-3E the epidemic policy applies on its last (assumed) day", at: cst("2020-06-30T23:59:59"), province: "50", policy: "epidemic-2020" },
    { name: "R-ELG-3E the standard policy applies again the next day", at: cst("2020-07-01T00:00:00"), province: "50", policy: "standard" },
    { name: "R-ELG-2 another province keeps the standard policy during the epidemic period", at: cst("2020-03-01T12:00:00"), province: "51", policy: "standard" },
    { name: "R-ELG-2 the standard policy applies today", at: cst("2024-03-05T10:00:00"), province: "50", policy: "standard" },
  ])("$name", ({ at, province, policy }) => {
    expect(policyFor(at, province).name).toBe(policy);
  });

  it("R-ELG-2 reads the period's days in CST: 2020-02-11T16:00Z is already 12 February in Chongqing", () => {
    expect(policyFor(new Date("2020-02-11T16:00:00Z"), "50").name).toBe("epidemic-2020");
    expect(policyFor(new Date("2020-02-11T15:59:59Z"), "50").name).toBe("standard");
  });

  it("R-ELG-3E the assumed end date is marked as assumed, with its source", () => {
    expect(DEFAULT_POLICY_TABLE.periods[0]).toMatchObject({ assumed: true, policy: EPIDEMIC_2020_POLICY });
    expect(DEFAULT_POLICY_TABLE.periods[0]?.source).toMatch(/assumed/);
  });

  it("R-ELG-2 takes another table when given one (policies are data, not branches)", () => {
    const table: PolicyTable = {
      standard: STANDARD_POLICY,
      periods: [{ policy: EPIDEMIC_2020_POLICY, provinces: ["51"], from: "2022-01-01", to: "2022-01-31", assumed: false, source: "test" }],
    };
    expect(policyFor(cst("2022-01-15T12:00:00"), "51", table).name).toBe("epidemic-2020");
    expect(policyFor(cst("2020-03-01T12:00:00"), "50", table).name).toBe("standard");
  });
});
