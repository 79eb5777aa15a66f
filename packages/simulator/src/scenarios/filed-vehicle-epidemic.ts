import { cstIsoDate } from "@jg/rules";
import type { Scenario } from "../scenario";
import { castFiling, handle, mine, nextCst, pay, toDaytime } from "./citizen";

/** Length of the simulated epidemic period, from the run's start date. */
const EPIDEMIC_DAYS = 30;
const DAY = 86_400_000;

/**
 * R-ELG-3E against R-ELG-3: the 2020 manual let a filed car's violations from before the filing be
 * handled "during epidemic prevention". The real period is 2020 (its end not found, docs/domain-facts.md), so the
 * scenario replays the same policy set on a simulated period — the run's first 30 days, given to the
 * Chongqing service as `POLICY_PERIODS` and marked assumed — and compares the same kind of violation
 * handled inside and after it. The policy in force is the one at the handling time (`policyFor(now)`).
 */
export const filedVehicleEpidemic: Scenario = {
  name: "filed-vehicle-epidemic",
  description: `With the epidemic policy in force (replayed on the run's first ${EPIDEMIC_DAYS} days) a filed car's violation from before the filing is handled and paid (R-ELG-3E); after the period the same kind is refused (R-ELG-3).`,
  rules: ["R-ELG-3E", "R-ELG-3"],
  provincesNeeded: 0,
  policyPeriods: (start) => [
    {
      policy: "epidemic-2020",
      provinces: ["50"],
      from: cstIsoDate(start),
      to: cstIsoDate(new Date(start.getTime() + (EPIDEMIC_DAYS - 1) * DAY)),
      assumed: true,
      source: `simulation: the 2020 relaxations replayed on the run's first ${EPIDEMIC_DAYS} days`,
    },
  ],
  async run(sim, expect) {
    await toDaytime(sim);
    const filed = castFiling(sim, expect);
    if (!filed) return;
    const { me, plate, effective, template } = filed;
    if (!expect.that("the scenario starts inside the simulated epidemic period", sim.now().getTime() < sim.startedAt.getTime() + EPIDEMIC_DAYS * DAY)) return;

    const during = await sim.recordCamera("50", plate, template, new Date(effective - 5 * DAY));
    await sim.settle();
    const listed = (await mine(sim, me)).items.find((v) => v.id === during);
    expect.that("during the period the driver's list allows the pre-filing violation", listed?.eligibility?.allowed === true, listed);
    expect.equal("it is handled under the epidemic policy (R-ELG-3E)", (await handle(sim, me, during))?.violation?.status, "HANDLED_UNPAID");
    expect.equal("and paid", (await pay(sim, me, during))?.violation?.status, "PAID");

    await sim.setClock(nextCst(new Date(sim.startedAt.getTime() + (EPIDEMIC_DAYS + 1) * DAY), 10, 0));
    const after = await sim.recordCamera("50", plate, template, new Date(effective - 4 * DAY));
    await sim.settle();
    const refused = await handle(sim, me, after);
    expect.that("after the period the same kind of violation is refused (R-ELG-3)", refused?.denials.some((d) => d.ruleId === "R-ELG-3") === true, refused);
  },
};
