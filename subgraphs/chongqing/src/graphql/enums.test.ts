import { labelOf, licenceStates, plateTypes, vehicleStates } from "@jg/provinces";
import { describe, expect, it } from "vitest";
import { buildPlatformSchema } from "../schema";

describe("the platform's code enums come from @jg/provinces' tables", () => {
  it("PlateType has one value per plate-type code, described by code and Chinese name; the state enums the tables' letters", async () => {
    const schema = await buildPlatformSchema();
    const values = (name: string) => schema.getType(name)!.toConfig() as { values: Record<string, { value: string; description?: string }> };
    const plate = Object.values(values("PlateType").values);
    expect(plate.map((v) => v.value)).toEqual(plateTypes.codes);
    for (const v of plate) expect(v.description).toBe(`${v.value} ${labelOf(plateTypes, v.value)!.zh}`);
    expect(Object.keys(values("LicenceState").values)).toEqual(licenceStates.codes);
    expect(Object.keys(values("VehicleState").values)).toEqual(vehicleStates.codes);
  });
});
