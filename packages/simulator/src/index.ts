export type * from "./audit-types";
export type { InvariantResult } from "./invariant-result";
export { checkInvariants, chongqingViolationsIndexed, noViolationPaidTwice, outboxDeliveredOnce, paymentsMatchHandlings, reservationsSettled } from "./invariants";
export { pointsStayBelow12 } from "./points-invariant";
