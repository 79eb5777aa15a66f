import type { Population } from "@jg/population";
import type { Scenario } from "../scenario";
import { citizen, handle, journeyDrivers, mine, pay, templateFor, toDaytime } from "./citizen";

/** Journey drivers (journeyDrivers: clean licence, fewer than 3 full scores, own small car) with 6 points or more, most points first. */
function driversNearTwelve(p: Population) {
  return journeyDrivers(p)
    .filter((d) => d.points >= 6)
    .sort((a, b) => b.points - a.points);
}

/**
 * R-ELG-6 and the scoring cycle (记分周期, 12 months from the licence's first issue): a driver whose
 * points plus a violation's would reach 12 is refused; at the start of the driver's next cycle the
 * previous cycle's points no longer count (the platform sums applied points per cycle), so the same
 * violation is handled and paid, and its points count in the new cycle. Moves the clock up to a year
 * ahead: it runs last among scenarios sharing a system.
 */
export const cycleRollover: Scenario = {
  name: "cycle-rollover",
  description: "A driver near 12 points is refused a violation under R-ELG-6; at the start of the next scoring cycle the same violation is handled and paid, and its points count in the new cycle.",
  rules: ["R-ELG-6"],
  provincesNeeded: 1,
  async run(sim, expect) {
    await toDaytime(sim);
    const province = sim.options.provinces[0]!;
    // The driver with the most points, as the platform counts them now (earlier scenarios may have moved them).
    let chosen: { accountId: string; plate: string; now: number; template: ReturnType<typeof templateFor> } | undefined;
    for (const d of driversNearTwelve(sim.population)) {
      const list = await mine(sim, citizen(d.accountId));
      const now = (list.points ?? 0) + (list.reserved ?? 0);
      const need = 12 - now;
      if (need < 1 || need > 6) continue;
      try {
        chosen = { accountId: d.accountId, plate: d.plate, now, template: templateFor(sim.population, province, need) };
      } catch {
        continue; // no penalty code of exactly that many points in this province: try the next driver
      }
      break;
    }
    if (!expect.that("the population has a clean driver within 6 points of 12, with a small car", chosen !== undefined)) return;
    const { accountId, plate, template } = chosen!;
    const me = citizen(accountId);
    const id = await sim.recordCamera(province, plate, template);
    await sim.settle();
    const before = await mine(sim, me);
    const refused = await handle(sim, me, id);
    expect.that(
      `at ${before.points} points (+${before.reserved} reserved), a ${template.expected.points}-point violation is refused under R-ELG-6`,
      refused?.ok !== true && refused?.denials.some((d) => d.ruleId === "R-ELG-6") === true,
      refused,
    );

    const cycleStart = await sim.nextScoringCycle(accountId);
    await toDaytime(sim);
    const rolled = await mine(sim, me);
    expect.equal(`at the next cycle (${cycleStart.toISOString()}) the previous cycle's points no longer count`, rolled.points, 0);
    const listed = rolled.items.find((v) => v.id === id);
    expect.that("the driver's list says the violation may be handled now", listed?.eligibility?.allowed === true, listed);
    expect.equal("the same violation is handled", (await handle(sim, me, id))?.violation?.status, "HANDLED_UNPAID");
    expect.equal("and paid", (await pay(sim, me, id))?.violation?.status, "PAID");
    await sim.settle();
    const after = await mine(sim, me);
    expect.equal("its points count in the new cycle", [after.points, after.reserved], [template.expected.points, rolled.reserved]);
  },
};
