import type { Scenario } from "../scenario";
import { citizen, freshViolation, handle, mine, pay, provinceStatus, toDaytime } from "./citizen";

/** R-PAY-1: unpaid 2 hours after handling, the handling reverts and the reserved points are released. */
export const revertAfterTwoHours: Scenario = {
  name: "revert-2h",
  description: "A driver handles a violation and does not pay; at 2 hours and 1 second the handling reverts, the payment is refused, the points are released.",
  rules: ["R-PAY-1", "R-ELG-6"],
  provincesNeeded: 1,
  async run(sim, expect) {
    await toDaytime(sim);
    const cast = sim.population.cast!;
    const me = citizen(cast.citizen);
    const id = await freshViolation(sim, sim.options.provinces[0]!, cast.citizenPlate);
    await sim.settle();
    const before = await mine(sim, me);
    expect.equal("handling is accepted", (await handle(sim, me, id))?.violation?.status, "HANDLED_UNPAID");
    await sim.settle();
    const held = await mine(sim, me);
    expect.that("points are reserved while unpaid", (held.reserved ?? 0) > (before.reserved ?? 0), { before, held: held.reserved });
    await sim.advance(2 * 3600_000 + 1000);
    await sim.tick();
    expect.equal("at 2 h 1 s the province shows it unhandled again", await provinceStatus(sim, me, id), "UNHANDLED");
    const late = await pay(sim, me, id);
    expect.that("a payment at 2 h 1 s is refused", late?.ok !== true, late);
    await sim.settle();
    expect.equal("the reservation is released at home", (await mine(sim, me)).reserved, before.reserved);
  },
};
