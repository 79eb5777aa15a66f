import { describe, expect, it } from "vitest";
import { type DenialCode } from "@jg/errors";
import { codesOf } from "./denial";
import { PAYMENT_WINDOW_MS, decidePayment, payBy, shouldRevert, type PaymentInput } from "./payment";
import { cst } from "./test-fixtures";

const HANDLED_AT = cst("2024-03-05T10:00:00");
const DEADLINE = payBy(HANDLED_AT);
const at = (ms: number) => new Date(DEADLINE.getTime() + ms);

const cases: { name: string; input: PaymentInput; denials: DenialCode[]; revert: boolean }[] = [
  {
    name: "R-PAY-1 allows paying 1 ms after handling",
    input: { status: "HANDLED_UNPAID", payBy: DEADLINE, now: new Date(HANDLED_AT.getTime() + 1) },
    denials: [],
    revert: false,
  },
  {
    name: "R-PAY-1 allows paying at exactly 2 hours after handling",
    input: { status: "HANDLED_UNPAID", payBy: DEADLINE, now: at(0) },
    denials: [],
    revert: false,
  },
  {
    name: "R-PAY-1 refuses paying 1 ms after the 2 hours and reverts the record",
    input: { status: "HANDLED_UNPAID", payBy: DEADLINE, now: at(1) },
    denials: ["PAYMENT_DEADLINE_PASSED"],
    revert: true,
  },
  {
    name: "R-PAY-1 refuses a handled record without a deadline (corrupt record) but never reverts it blindly",
    input: { status: "HANDLED_UNPAID", payBy: null, now: at(0) },
    denials: ["PAYMENT_DEADLINE_PASSED"],
    revert: false,
  },
  {
    name: "R-OPS-2 refuses paying a record that was not handled first",
    input: { status: "UNHANDLED", payBy: null, now: at(0) },
    denials: ["NOT_YET_HANDLED"],
    revert: false,
  },
  {
    name: "R-DUP-1 refuses paying a record twice",
    input: { status: "PAID", payBy: DEADLINE, now: at(-1) },
    denials: ["ALREADY_PAID"],
    revert: false,
  },
  {
    name: "R-DUP-1 never reverts a paid record, even long after the deadline",
    input: { status: "PAID", payBy: DEADLINE, now: at(PAYMENT_WINDOW_MS * 10) },
    denials: ["ALREADY_PAID"],
    revert: false,
  },
  {
    name: "R-MNT-1 refuses paying at 22:00:00 CST within the 2 hours",
    input: { status: "HANDLED_UNPAID", payBy: payBy(cst("2024-03-05T21:00:00")), now: cst("2024-03-05T22:00:00") },
    denials: ["MAINTENANCE_WINDOW"],
    revert: false,
  },
  {
    name: "R-MNT-1 allows paying at 21:59:59 CST within the 2 hours",
    input: { status: "HANDLED_UNPAID", payBy: payBy(cst("2024-03-05T21:00:00")), now: cst("2024-03-05T21:59:59") },
    denials: [],
    revert: false,
  },
  {
    name: "R-PAY-1 R-MNT-1 list both reasons when the deadline passed inside the window",
    input: { status: "HANDLED_UNPAID", payBy: payBy(cst("2024-03-05T20:30:00")), now: cst("2024-03-05T22:30:01") },
    denials: ["PAYMENT_DEADLINE_PASSED", "MAINTENANCE_WINDOW"],
    revert: true,
  },
];

describe("payment", () => {
  it("R-PAY-1 sets the deadline exactly 2 hours after handling", () => {
    expect(PAYMENT_WINDOW_MS).toBe(7_200_000);
    expect(payBy(cst("2024-03-05T10:00:00"))).toEqual(cst("2024-03-05T12:00:00"));
    expect(payBy(cst("2024-03-05T23:30:00"))).toEqual(cst("2024-03-06T01:30:00"));
  });

  it.each(cases)("$name", ({ input, denials, revert }) => {
    const decision = decidePayment(input);
    expect(decision.ok).toBe(denials.length === 0);
    expect(codesOf(decision)).toEqual(denials);
    expect(shouldRevert(input)).toBe(revert);
  });
});
