import type { Scenario } from "../scenario";
import { citizen, handle, mine, MY_VIOLATIONS, nextCst, templateFor, toDaytime } from "./citizen";

/**
 * R-ELG-7: the lessee of a rental car whose lease the rental company wrote into the platform may handle
 * its violations during the lease, and still sees them after the lease ended (each violation is judged at
 * its occurrence time); a violation after the lease ended is not theirs to handle. Moves the
 * clock past the lease's end, so it runs last among scenarios sharing a system.
 */
export const lessee: Scenario = {
  name: "lessee",
  description: "A lessee handles a violation of the leased car during the lease; after the lease ended, a new violation of that car is not theirs.",
  rules: ["R-ELG-7"],
  provincesNeeded: 1,
  async run(sim, expect) {
    await toDaytime(sim);
    const cast = sim.population.cast!;
    const me = citizen(cast.lessee);
    const lease = sim.population.leases.find((l) => l.lesseeAccountId === cast.lessee && l.plate === cast.leasedPlate && Date.parse(l.end) > sim.now().getTime());
    if (!expect.that("the cast lessee has a current lease", lease !== undefined, sim.population.leases.filter((l) => l.lesseeAccountId === cast.lessee))) return;
    const province = sim.options.provinces[0]!;
    const during = await sim.recordCamera(province, cast.leasedPlate, templateFor(sim.population, province));
    await sim.settle();
    expect.equal("during the lease the lessee handles it", (await handle(sim, me, during))?.violation?.status, "HANDLED_UNPAID");
    await sim.setClock(nextCst(new Date(Date.parse(lease!.end) + 86_400_000), 10, 0));
    const afterEnd = await sim.recordCamera(province, cast.leasedPlate, templateFor(sim.population, province));
    await sim.settle();
    const after = await sim.as<unknown>(me, MY_VIOLATIONS);
    const listedAfter = (await mine(sim, me)).items;
    expect.that(
      "after the lease the lessee still sees the lease period's violation, with no FORBIDDEN from its province",
      listedAfter.some((v) => v.id === during) && !(after.errors ?? []).some((e) => e.extensions?.code === "FORBIDDEN"),
      after.errors,
    );
    const listed = listedAfter.find((v) => v.id === afterEnd);
    const answer = await handle(sim, me, afterEnd);
    expect.that("after the lease the new violation is not the lessee's to handle", answer?.ok !== true && listed?.eligibility?.allowed !== true, { listed, answer });
  },
};
