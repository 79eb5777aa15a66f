/**
 * The life of a violation's status, as a transition function (R-DUP-1, R-PAY-1, R-OPS-2):
 *
 *   UNHANDLED --HANDLE--> HANDLED_UNPAID --PAY--> PAID
 *        ^                     |
 *        +-------REVERT--------+   (unpaid 2 hours after handling, R-PAY-1)
 *
 * Nothing leaves PAID, and HANDLE only leaves UNHANDLED, so a record is never handled twice while
 * handled, nor paid twice, whatever channel sends the event: the service applies every event through
 * this function inside the same transaction that stores the new status.
 */
import { deny } from "./denial";
import { type Denial, type ViolationStatus } from "./types";

/** What can happen to a violation's status. */
export type StatusEvent = "HANDLE" | "PAY" | "REVERT";

/** The result of applying an event: the new status, or the denial explaining why it cannot happen. */
export type TransitionResult = { ok: true; status: ViolationStatus } | { ok: false; denial: Denial };

/** Applies `event` to `status` (R-DUP-1, R-PAY-1, R-OPS-2). */
export function transition(status: ViolationStatus, event: StatusEvent): TransitionResult {
  if (status === "PAID") return { ok: false, denial: deny("ALREADY_PAID") };
  switch (event) {
    case "HANDLE":
      return status === "UNHANDLED"
        ? { ok: true, status: "HANDLED_UNPAID" }
        : { ok: false, denial: deny("ALREADY_HANDLED") };
    case "PAY":
      return status === "HANDLED_UNPAID"
        ? { ok: true, status: "PAID" }
        : { ok: false, denial: deny("NOT_YET_HANDLED") };
    case "REVERT":
      return status === "HANDLED_UNPAID"
        ? { ok: true, status: "UNHANDLED" }
        : { ok: false, denial: deny("NOTHING_TO_REVERT") };
  }
}
