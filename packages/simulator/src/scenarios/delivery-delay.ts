import type { Scenario } from "../scenario";
import { castViolation, handle, mine, pay, provinceStatus } from "./citizen";

/** The delay between provinces and the home platform in this scenario's system: 3 hours (R-SYNC-1). */
const DELIVERY_DELAY_MS = 3 * 3600_000;

/**
 * R-SYNC-1/R-SYNC-2: with hours of delay between a province and the home platform, a new violation is
 * not yet in the driver's list, and after paying the driver's points still show the old value (held
 * as reserved) while the province already says PAID; once the delay passes the home platform catches
 * up. A repeated payment is refused.
 */
export const deliveryDelay: Scenario = {
  name: "delivery-delay",
  description: "With a 3-hour delivery delay, a new violation reaches the driver's list late and a paid one leaves the points at their old value (reserved) until the messages arrive.",
  rules: ["R-SYNC-1", "R-SYNC-2"],
  provincesNeeded: 1,
  deliveryDelayMs: DELIVERY_DELAY_MS,
  async run(sim, expect) {
    const { me, id } = await castViolation(sim);
    await sim.tick();
    expect.that("before the delay passes, the new violation is not at home yet", !(await mine(sim, me)).items.some((v) => v.id === id));
    await sim.advance(DELIVERY_DELAY_MS + 1000);
    expect.equal("after the delay everything recorded has arrived", await sim.settle(), 0);
    const before = await mine(sim, me);
    const points = before.items.find((v) => v.id === id)?.points ?? 0;
    expect.equal("handling is accepted (the home platform authorizes synchronously)", (await handle(sim, me, id))?.violation?.status, "HANDLED_UNPAID");
    expect.equal("payment is accepted", (await pay(sim, me, id))?.violation?.status, "PAID");
    await sim.tick();
    expect.equal("the province says PAID at once", await provinceStatus(sim, me, id), "PAID");
    const meanwhile = await mine(sim, me);
    expect.equal("meanwhile the driver's points still show the old value (R-SYNC-2)", meanwhile.points, before.points);
    expect.equal("while the points stay reserved, so R-ELG-6 still counts them", meanwhile.reserved, (before.reserved ?? 0) + points);
    const again = await pay(sim, me, id, "WECHAT");
    expect.that("repeating the payment on another channel is refused, not taken twice (R-DUP-1)", again?.ok !== true, again);
    await sim.advance(DELIVERY_DELAY_MS + 1000);
    await sim.settle();
    const after = await mine(sim, me);
    expect.equal("once delivered, the points are applied", [after.points, after.reserved], [(before.points ?? 0) + points, before.reserved]);
    expect.equal("and the list says PAID", after.items.find((v) => v.id === id)?.status, "PAID");
  },
};
