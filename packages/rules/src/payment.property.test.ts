import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instant } from "./arbitraries";
import { codesOf } from "./denial";
import { amountPayable } from "./surcharge";
import { decidePayment, payBy, shouldRevert } from "./payment";

describe("payment properties", () => {
  it("R-PAY-1 a handled record is refused for lateness exactly when it is due to revert", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -86_400_000, max: 3 * 86_400_000 }), (handledAt, offset) => {
        const input = { status: "HANDLED_UNPAID" as const, payBy: payBy(handledAt), now: new Date(handledAt.getTime() + offset) };
        expect(codesOf(decidePayment(input)).includes("PAYMENT_DEADLINE_PASSED")).toBe(shouldRevert(input));
      }),
    );
  });

  it("R-FEE-1 the amount payable is the fine plus a surcharge of at most the fine, and no fee", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), instant, fc.integer({ min: 0, max: 2000 * 86_400_000 }), (fineYuan, decidedAt, later) => {
        const amount = amountPayable({ fineYuan, decidedAt, now: new Date(decidedAt.getTime() + later) });
        expect(amount.feeYuan).toBe(0);
        expect(amount.surchargeYuan).toBeGreaterThanOrEqual(0);
        expect(amount.surchargeYuan).toBeLessThanOrEqual(fineYuan);
        expect(amount.totalYuan).toBe(fineYuan + amount.surchargeYuan);
        expect(amount.totalFen).toBe(amount.totalYuan * 100);
        if (later < 15 * 86_400_000) expect(amount.totalYuan).toBe(fineYuan);
      }),
    );
  });

  it("R-FEE-1 the surcharge never decreases as time passes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), instant, fc.nat(400 * 86_400_000), fc.nat(400 * 86_400_000), (fineYuan, decidedAt, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const at = (ms: number) => amountPayable({ fineYuan, decidedAt, now: new Date(decidedAt.getTime() + ms) });
        expect(at(late).surchargeYuan).toBeGreaterThanOrEqual(at(early).surchargeYuan);
      }),
    );
  });
});
