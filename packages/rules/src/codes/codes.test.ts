import { isCodeOf, licenceStates, plateTypes, useNatures, vehicleStates } from "@jg/provinces";
import { describe, expect, it } from "vitest";
import { BLOCKING_LICENCE_STATES, BLOCKING_VEHICLE_STATES, LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES, NON_OPERATING_USE_NATURES, RENTAL_USE_NATURE, SMALL_CAR_PLATE_TYPES } from ".";

describe("the rules' code lists name codes of @jg/provinces' tables, their one definition", () => {
  it("R-ELG-4: 13 blocking licence states, every one in the licence-state table, A 正常 not among them", () => {
    expect(BLOCKING_LICENCE_STATES).toHaveLength(13);
    expect(new Set(BLOCKING_LICENCE_STATES).size).toBe(13);
    for (const code of BLOCKING_LICENCE_STATES) expect(isCodeOf(licenceStates, code), code).toBe(true);
    expect(BLOCKING_LICENCE_STATES).not.toContain("A");
  });

  it("R-ELG-1c: the blocking vehicle states (转出, 报废, 注销, 盗抢) are in the vehicle-state table", () => {
    expect([...BLOCKING_VEHICLE_STATES].sort()).toEqual(["B", "C", "E", "M", "P"]);
    for (const code of BLOCKING_VEHICLE_STATES) expect(isCodeOf(vehicleStates, code), code).toBe(true);
  });

  it("R-ELG-1a, R-ELG-2, R-ELG-1b, R-ELG-7: plate types and use natures the rules name are in their tables", () => {
    for (const code of [...SMALL_CAR_PLATE_TYPES, ...LARGE_MEDIUM_AND_MOTORCYCLE_PLATE_TYPES]) expect(isCodeOf(plateTypes, code), code).toBe(true);
    for (const code of [...NON_OPERATING_USE_NATURES, RENTAL_USE_NATURE]) expect(isCodeOf(useNatures, code), code).toBe(true);
  });
});
