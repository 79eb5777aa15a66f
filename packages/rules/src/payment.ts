/**
 * Paying after handling (R-PAY-1, R-DUP-1, R-MNT-1, R-OPS-2). The fine must be paid on the platform
 * within 2 hours of handling, otherwise the record returns to unhandled by itself.
 *
 * Boundary: "within 2 hours" includes the last instant, so paying at exactly `payBy` is allowed and the
 * record reverts only once `now > payBy`. `decidePayment` and `shouldRevert` use the same comparison,
 * so no instant exists at which a payment is refused and the record is not yet due to revert, nor one
 * at which both a payment and a revert are allowed.
 *
 * The nightly window (R-MNT-1) refuses payments too: the bank side is what is being reconciled. A
 * handling made shortly before 22:00 therefore has less than 2 usable hours; the manual sets no grace.
 */
import { decide, deny } from "./denial";
import { requireDate } from "./input";
import { type Decision, type Denial, type ViolationStatus } from "./types";
import { maintenanceWindowDenial, type DailyWindow } from "./window";

/** R-PAY-1: how long after handling the fine may be paid (2 hours). */
export const PAYMENT_WINDOW_MS = 2 * 60 * 60 * 1000;

/** R-PAY-1: the last instant at which a handling made at `handledAt` may be paid. */
export function payBy(handledAt: Date): Date {
  requireDate("handledAt", handledAt);
  return new Date(handledAt.getTime() + PAYMENT_WINDOW_MS);
}

/** Input of `decidePayment` and `shouldRevert`. */
export type PaymentInput = {
  status: ViolationStatus;
  /** The deadline of the current handling (`payBy(handledAt)`); ignored unless HANDLED_UNPAID. */
  payBy: Date | null;
  now: Date;
  /** The province's nightly window; default Chongqing's 22:00–01:00 (R-MNT-1). */
  maintenanceWindow?: DailyWindow;
};

function deadlinePassed(input: PaymentInput): boolean {
  return input.payBy !== null && input.now.getTime() > input.payBy.getTime();
}

/** May the fine be paid now? Lists every reason that applies (R-OPS-2, R-DUP-1, R-PAY-1, R-MNT-1). */
export function decidePayment(input: PaymentInput): Decision {
  requireDate("now", input.now);
  const denials: Denial[] = [];
  if (input.status === "UNHANDLED") denials.push(deny("NOT_YET_HANDLED"));
  if (input.status === "PAID") denials.push(deny("ALREADY_PAID"));
  if (input.status === "HANDLED_UNPAID" && (input.payBy === null || deadlinePassed(input))) {
    denials.push(deny("PAYMENT_DEADLINE_PASSED"));
  }
  const window = maintenanceWindowDenial(input.now, input.maintenanceWindow);
  if (window) denials.push(window);
  return decide(denials);
}

/** R-PAY-1: true when a handled record is unpaid after its deadline and must return to unhandled. */
export function shouldRevert(input: Pick<PaymentInput, "status" | "payBy" | "now">): boolean {
  requireDate("now", input.now);
  return input.status === "HANDLED_UNPAID" && deadlinePassed(input);
}
