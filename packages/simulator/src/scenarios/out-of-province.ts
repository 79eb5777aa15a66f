import type { Scenario } from "../scenario";
import { castViolation, handle, mine, pay, provinceStatus } from "./citizen";

/** R-OOP-1: a Chongqing driver handles and pays a violation of another province through the platform. */
export const outOfProvince: Scenario = {
  name: "out-of-province",
  description: "A Chongqing driver handles and pays a camera violation recorded in another province; the home platform hears of every step.",
  rules: ["R-OOP-1", "R-OPS-2", "R-SYNC-1"],
  provincesNeeded: 1,
  async run(sim, expect) {
    const { me, province, id } = await castViolation(sim);
    await sim.settle();
    const listed = (await mine(sim, me)).items.find((v) => v.id === id);
    expect.that("the violation is listed at home, from its province, and allowed", listed?.province.code === province && listed.eligibility?.allowed === true, listed);
    const handled = await handle(sim, me, id);
    expect.equal("handling is accepted", handled?.violation?.status, "HANDLED_UNPAID");
    const paid = await pay(sim, me, id);
    expect.equal("payment is accepted", paid?.violation?.status, "PAID");
    expect.equal("the province says PAID", await provinceStatus(sim, me, id), "PAID");
    await sim.settle();
    expect.equal("after delivery the home list says PAID", (await mine(sim, me)).items.find((v) => v.id === id)?.status, "PAID");
  },
};
