import type { Scenario } from "../scenario";
import { castViolation, handle, pay } from "./citizen";

/** R-DUP-1: the same handled violation paid from two channels at the same moment is paid once. */
export const twoChannels: Scenario = {
  name: "two-channels",
  description: "A driver handles a violation, then the app and WeChat pay it at the same moment: exactly one payment is taken.",
  rules: ["R-DUP-1", "R-PAY-1"],
  provincesNeeded: 1,
  async run(sim, expect) {
    const { me, province, id } = await castViolation(sim, { second: true });
    expect.equal("handling is accepted", (await handle(sim, me, id))?.violation?.status, "HANDLED_UNPAID");
    const answers = await Promise.all([pay(sim, me, id, "APP"), pay(sim, me, id, "WECHAT"), pay(sim, me, id, "ALIPAY")]);
    expect.equal("exactly one of three concurrent payments succeeds", answers.filter((a) => a?.ok).length, 1);
    const audit = await sim.audit();
    expect.equal("the province holds one payment row", audit.provinces[province]?.payments.filter((p) => p.violationId === id).length, 1);
  },
};
