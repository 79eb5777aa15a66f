import type { Scenario } from "../scenario";
import { castViolation, freshViolation, handle, mine, pay, provinceStatus } from "./citizen";

/**
 * A province crashes right after a handling and comes back; the home platform restarts mid-flow. No
 * reservation leaks and no message is lost: the invariants run on every database after it settles.
 */
export const provinceDown: Scenario = {
  name: "province-down",
  description: "A province is killed right after a handling, the driver's list still answers, the province comes back and the payment goes through; then the home platform restarts between handling and paying another.",
  rules: ["R-SYNC-1", "R-OOP-1", "R-PAY-1"],
  provincesNeeded: 1,
  async run(sim, expect) {
    const { me, plate, province, id } = await castViolation(sim);
    const other = await freshViolation(sim, province, plate);
    await sim.settle();
    expect.equal("handling is accepted", (await handle(sim, me, id))?.violation?.status, "HANDLED_UNPAID");
    await sim.stopProvince(province, true);
    const whileDown = await mine(sim, me);
    expect.that("with the province down, the driver's list still answers", whileDown.items.length > 0, whileDown);
    const refused = await pay(sim, me, id);
    expect.that("paying at a province that is down fails", refused?.ok !== true, refused);
    await sim.startProvince(province);
    expect.equal("back up, the handling survived the crash", await provinceStatus(sim, me, id), "HANDLED_UNPAID");
    expect.equal("and can be paid", (await pay(sim, me, id))?.violation?.status, "PAID");
    expect.equal("another violation is handled", (await handle(sim, me, other))?.violation?.status, "HANDLED_UNPAID");
    await sim.restartHome();
    expect.equal("the home platform restarted mid-flow; paying still works", (await pay(sim, me, other))?.violation?.status, "PAID");
    expect.equal("every message reaches home once it settles", await sim.settle(), 0);
  },
};
