/**
 * The body of a delivery: `{ id, type, createdAt, data }`, where `id` is the event ID (the same for
 * every retry and replay, and in the `x-jg-event-id` header) and `data` the violation of a fleet
 * vehicle as the platform knows it when the event happens.
 */

/** The events a partner may subscribe to, one per step of the handoff (docs/design.md §4). */
export const WEBHOOK_EVENT_TYPES = ["violation.recorded", "violation.handled", "violation.paid", "violation.reverted"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The lease a violation falls in (R-ELG-7: its lessee and temporary drivers may handle it). */
export interface LeaseRef {
  id: string;
  lesseeIdNumber: string;
  lesseeName: string;
  startsAt: string;
  endsAt: string;
}

/** A violation of a fleet vehicle, with the lease it falls in (null: none, the company's own). */
export interface FleetViolationData {
  violationId: string;
  plate: string;
  provinceCode: string;
  code: string;
  descriptionZh: string;
  descriptionEn: string;
  location: string;
  occurredAt: string;
  fineYuan: number;
  points: number;
  warningOnly: boolean;
  /** The platform's synced status after this event (R-SYNC-2: it may lag the province). */
  status: "UNHANDLED" | "HANDLED_UNPAID" | "PAID";
  lease: LeaseRef | null;
  /** Handled, paid, reverted: the handling. */
  handlingId?: string;
  /** Handled: the 2-hour payment deadline (R-PAY-1). */
  payBy?: string;
  /** Paid. */
  paidAt?: string;
  amountYuan?: number;
  /** Reverted (R-PAY-1). */
  revertedAt?: string;
}

export interface WebhookEvent {
  /** Event ID: deduplicate on it. */
  id: string;
  type: WebhookEventType;
  /** When the platform learned of the event (ISO 8601). */
  createdAt: string;
  data: FleetViolationData;
}
