import { describe, expect, it } from "vitest";
import { populationOptionsFromFlags } from "./flags";
import { generatePopulation } from "./generate";
import { NOW } from "./test-fixtures";

describe("populationOptionsFromFlags (issue #6: sizes by flags)", () => {
  it("defaults to the demo preset, seed 1, provinces 50,51,52", () => {
    expect(populationOptionsFromFlags([], NOW)).toMatchObject({ seed: 1, citizens: 24, provinces: ["50", "51", "52"], now: NOW });
  });

  it("reads a load preset's sizes and a violations range, ignoring flags it does not know", () => {
    const o = populationOptionsFromFlags(["--preset", "load", "--seed", "9", "--citizens", "500", "--partners=3", "--violations", "1-5", "--provinces", "50,44", "--scenario", "outage"], NOW);
    expect(o).toMatchObject({ seed: 9, citizens: 500, companies: 10, partners: 3, violationsPerVehicle: { min: 1, max: 5 }, provinces: ["50", "44"] });
    expect(generatePopulation(o).licences).toHaveLength(500);
  });

  it("lets flags override a preset's sizes", () => {
    expect(populationOptionsFromFlags(["--preset", "tiny", "--citizens", "8", "--violations", "2", "--officers", "0"], NOW)).toMatchObject({
      citizens: 8,
      violationsPerVehicle: { min: 2, max: 2 },
      officersPerProvince: 0,
    });
  });

  it("refuses bad values of the flags it knows", () => {
    expect(() => populationOptionsFromFlags(["--citizens", "-3"], NOW)).toThrow(/--citizens/);
    expect(() => populationOptionsFromFlags(["--violations", "a-b"], NOW)).toThrow(/--violations/);
    expect(() => populationOptionsFromFlags(["--preset", "huge"], NOW)).toThrow(/--preset/);
    expect(() => populationOptionsFromFlags(["--seed"], NOW)).toThrow(/--seed needs a value/);
  });
});
