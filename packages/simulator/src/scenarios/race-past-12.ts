import type { Population } from "@jg/population";
import type { Scenario } from "../scenario";
import { citizen, freshViolation, handle, journeyDrivers, toDaytime } from "./citizen";

/** A journey driver (journeyDrivers: R-ELG-4, R-ELG-5, a small car of their own) with exactly 10 points. */
function tenPointDriver(p: Population): { accountId: string; plate: string } | undefined {
  return journeyDrivers(p).find((d) => d.points === 10);
}

/** R-ELG-6 across provinces: two provinces handling at once may not push a driver to 12 through the platform. */
export const raceToTwelve: Scenario = {
  name: "race-past-12",
  description: "A driver at 10 points handles two 1-point violations of two provinces at the same moment: one is accepted (11), the other refused (would reach 12).",
  rules: ["R-ELG-6", "R-SYNC-1"],
  provincesNeeded: 2,
  async run(sim, expect) {
    await toDaytime(sim);
    const driver = tenPointDriver(sim.population);
    if (!expect.that("the population has a 10-point driver with a small car", driver !== undefined)) return;
    const me = citizen(driver!.accountId);
    const [a, b] = sim.options.provinces as [string, string];
    const ids = [await freshViolation(sim, a, driver!.plate, 1), await freshViolation(sim, b, driver!.plate, 1)];
    await sim.settle();
    const answers = await Promise.all(ids.map((id) => handle(sim, me, id)));
    expect.equal("exactly one handling is accepted", answers.filter((x) => x?.ok).length, 1);
    const refused = answers.find((x) => !x?.ok);
    expect.that("the other is refused under R-ELG-6", refused?.denials.some((d) => d.ruleId === "R-ELG-6") === true, refused);
  },
};
