import type { Scenario } from "../scenario";
import { castViolation, freshViolation, handle, nextCst, pay, provinceStatus } from "./citizen";

/** R-MNT-1: from 22:00 to 01:00 (CST) handling and paying on the platform are refused. */
export const nightWindow: Scenario = {
  name: "night-window",
  description: "At 21:59 a driver handles a violation; at 22:30 paying it is refused (bank reconciliation window) and so is handling another; in the morning both work again.",
  rules: ["R-MNT-1", "R-PAY-1"],
  provincesNeeded: 1,
  async run(sim, expect) {
    const { me, plate, province, id: first } = await castViolation(sim);
    const second = await freshViolation(sim, province, plate);
    await sim.settle();
    await sim.setClock(nextCst(sim.now(), 21, 59));
    expect.equal("at 21:59 handling is accepted", (await handle(sim, me, first))?.violation?.status, "HANDLED_UNPAID");
    await sim.setClock(nextCst(sim.now(), 22, 30));
    const payAnswer = await pay(sim, me, first);
    expect.that("at 22:30 paying is refused for the maintenance window", payAnswer?.denials.some((d) => d.ruleId === "R-MNT-1") === true, payAnswer);
    const handleAnswer = await handle(sim, me, second);
    expect.that("at 22:30 handling is refused for the maintenance window", handleAnswer?.denials.some((d) => d.ruleId === "R-MNT-1") === true, handleAnswer);
    await sim.setClock(nextCst(sim.now(), 10, 0));
    await sim.tick();
    expect.equal("unpaid past 2 hours, the first handling has reverted by morning", await provinceStatus(sim, me, first), "UNHANDLED");
    expect.equal("in the morning the second one can be handled", (await handle(sim, me, second))?.violation?.status, "HANDLED_UNPAID");
    expect.equal("and paid", (await pay(sim, me, second))?.violation?.status, "PAID");
  },
};
