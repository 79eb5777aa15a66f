import type { Scenario } from "../scenario";
import { castFiling, handle, mine, toDaytime } from "./citizen";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

/**
 * R-ELG-3: a filed vehicle's violation with points, from before the filing took effect, is refused under
 * the standard policy; one from after the filing is allowed. The epidemic policy (R-ELG-3E) is played by
 * `filed-vehicle-epidemic`, on a system of its own (Chongqing's policy table is fixed at start).
 */
export const filedVehicle: Scenario = {
  name: "filed-vehicle",
  description: "The cast citizen files another person's car: a violation with points from before the filing is refused (R-ELG-3), one after it is handled.",
  rules: ["R-ELG-3", "R-FIL-1"],
  provincesNeeded: 0,
  async run(sim, expect) {
    await toDaytime(sim);
    const filed = castFiling(sim, expect);
    if (!filed) return;
    const { me, plate, effective, template } = filed;
    const before = await sim.recordCamera(HOME_PROVINCE_CODE, plate, template, new Date(effective - 5 * 86_400_000));
    const after = await sim.recordCamera(HOME_PROVINCE_CODE, plate, template);
    await sim.settle();
    const answerBefore = await handle(sim, me, before);
    expect.that("a violation with points from before the filing is refused (R-ELG-3)", answerBefore?.denials.some((d) => d.ruleId === "R-ELG-3") === true, answerBefore);
    expect.equal("one from after the filing is handled", (await handle(sim, me, after))?.violation?.status, "HANDLED_UNPAID");
    const listed = (await mine(sim, me)).items.find((v) => v.id === before);
    expect.that("the driver's list says the earlier one is not allowed", listed?.eligibility?.allowed === false, listed);
  },
};
