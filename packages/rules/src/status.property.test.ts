import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transition, type StatusEvent } from "./status";
import { type ViolationStatus } from "./types";

const events = fc.array(fc.constantFrom<StatusEvent>("HANDLE", "PAY", "REVERT"), { maxLength: 60 });

describe("status transition properties", () => {
  it("R-DUP-1 no sequence of transitions pays a violation twice", () => {
    fc.assert(
      fc.property(events, (sequence) => {
        let status: ViolationStatus = "UNHANDLED";
        let payments = 0;
        for (const event of sequence) {
          const result = transition(status, event);
          if (result.ok && event === "PAY") payments += 1;
          if (result.ok) status = result.status;
        }
        expect(payments).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("R-DUP-1 a record is never handled again while handled: two handlings are always separated by a revert", () => {
    fc.assert(
      fc.property(events, (sequence) => {
        let status: ViolationStatus = "UNHANDLED";
        let handledSinceRevert = false;
        for (const event of sequence) {
          const result = transition(status, event);
          if (!result.ok) continue;
          if (event === "HANDLE") {
            expect(handledSinceRevert).toBe(false);
            handledSinceRevert = true;
          }
          if (event === "REVERT") handledSinceRevert = false;
          status = result.status;
        }
      }),
    );
  });

  it("R-DUP-1 nothing ever leaves PAID", () => {
    fc.assert(
      fc.property(fc.constantFrom<StatusEvent>("HANDLE", "PAY", "REVERT"), (event) => {
        expect(transition("PAID", event).ok).toBe(false);
      }),
    );
  });
});
