import { describe, expect, it } from "vitest";
import { transition, type StatusEvent } from "./status";
import { type ViolationStatus } from "./types";

const cases: { name: string; from: ViolationStatus; event: StatusEvent; to?: ViolationStatus; denial?: string }[] = [
  { name: "R-OPS-2 handling an unhandled record makes it handled and unpaid", from: "UNHANDLED", event: "HANDLE", to: "HANDLED_UNPAID" },
  { name: "R-OPS-2 paying a handled record makes it paid", from: "HANDLED_UNPAID", event: "PAY", to: "PAID" },
  { name: "R-OPS-2 paying an unhandled record is refused", from: "UNHANDLED", event: "PAY", denial: "NOT_YET_HANDLED" },
  { name: "R-PAY-1 reverting a handled unpaid record makes it unhandled", from: "HANDLED_UNPAID", event: "REVERT", to: "UNHANDLED" },
  { name: "R-PAY-1 reverting an unhandled record is refused", from: "UNHANDLED", event: "REVERT", denial: "NOTHING_TO_REVERT" },
  { name: "R-DUP-1 handling a handled record again is refused", from: "HANDLED_UNPAID", event: "HANDLE", denial: "ALREADY_HANDLED" },
  { name: "R-DUP-1 handling a paid record is refused", from: "PAID", event: "HANDLE", denial: "ALREADY_PAID" },
  { name: "R-DUP-1 paying a paid record again is refused", from: "PAID", event: "PAY", denial: "ALREADY_PAID" },
  { name: "R-DUP-1 reverting a paid record is refused", from: "PAID", event: "REVERT", denial: "ALREADY_PAID" },
];

describe("transition", () => {
  it.each(cases)("$name", ({ from, event, to, denial }) => {
    const result = transition(from, event);
    if (to) expect(result).toEqual({ ok: true, status: to });
    else expect(result.ok ? undefined : result.denial.code).toBe(denial);
  });

  it("R-DUP-1 R-PAY-1 lets a reverted record be handled and paid again, once", () => {
    const steps: StatusEvent[] = ["HANDLE", "REVERT", "HANDLE", "PAY", "PAY", "HANDLE"];
    const outcomes: string[] = [];
    let status: ViolationStatus = "UNHANDLED";
    for (const event of steps) {
      const result = transition(status, event);
      outcomes.push(result.ok ? result.status : result.denial.code);
      if (result.ok) status = result.status;
    }
    expect(outcomes).toEqual(["HANDLED_UNPAID", "UNHANDLED", "HANDLED_UNPAID", "PAID", "ALREADY_PAID", "ALREADY_PAID"]);
  });
});
