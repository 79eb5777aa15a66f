/**
 * What this shard tells the home platform (docs/design.md §4), written to the outbox inside the caller's
 * transaction so a message exists exactly when its change committed:
 * - `violation.recorded` only for vehicles of the home province (plates starting with 渝): the home
 *   platform indexes its own vehicles' violations from every province;
 * - `violation.handled`, `.paid`, `.reverted` for every handling, since the home platform holds the
 *   points reservation of each.
 */
import { buildMessage, enqueue, HOME_PLATFORM_SERVICE, outbox, provinceServiceName, type Handover, type Inserter, type MessageOf, type OutboxRelay } from "@jg/handoff";
import { provinceByCode, violationCode, HOME_PROVINCE_CODE } from "@jg/provinces";
import { jsonInsert } from "@jg/service-kit";
import { type HandlingRow, type PaymentRow, type ViolationRow } from "../db/schema";

/**
 * What a service tells the shard's relay (claim on enqueue, issue 12): `handover()` before a transaction
 * that publishes, passed to the publish function, then `wake(handover)` once it committed, so the relay
 * sends the rows the inserts leased without a claim statement. `wake()` alone asks for a claim.
 */
export type RelayHook = Pick<OutboxRelay, "handover" | "wake">;

/** A relay hook that does nothing (a service without a relay, e.g. in tests). */
export const NO_RELAY: RelayHook = { handover: () => undefined, wake: () => undefined };

/** What can run a raw statement: the shard's database or a transaction in it. */
type Executor = { execute(query: ReturnType<typeof jsonInsert>): Promise<unknown> };

function envelope(provinceCode: string, at: Date) {
  return { source: provinceServiceName(provinceCode), provinceCode, occurredAt: at };
}

async function put<T extends MessageOf<"violation.recorded" | "violation.handled" | "violation.paid" | "violation.reverted">>(
  tx: Inserter,
  message: T,
  handover: Handover | undefined,
): Promise<void> {
  await enqueue(tx, { destination: HOME_PLATFORM_SERVICE, message, handover });
}

/** True when the plate belongs to a vehicle of the home province. */
export function isHomeVehicle(plate: string): boolean {
  const home = provinceByCode(HOME_PROVINCE_CODE);
  return home !== undefined && plate.startsWith(home.plate);
}

/** Enqueues `violation.recorded` when the vehicle is the home province's (then true); otherwise nothing. */
export async function publishRecorded(tx: Inserter, row: ViolationRow, handover?: Handover): Promise<boolean> {
  if (!isHomeVehicle(row.plate)) return false;
  await put(tx, recordedMessage(row), handover);
  return true;
}

/**
 * `publishRecorded` for a batch (recordViolations): one outbox insert (a single JSON parameter,
 * @jg/service-kit `jsonInsert`) instead of one statement per record. Rows are what `enqueue` writes (validated message, ordering key = violation ID), in the
 * batch's order, so the relay delivers them in that order.
 */
export async function publishRecordedMany(tx: Executor, rows: readonly ViolationRow[]): Promise<void> {
  const values = rows
    .filter((row) => isHomeVehicle(row.plate))
    .map((row) => {
      const message = recordedMessage(row);
      return {
        destination: HOME_PLATFORM_SERVICE,
        type: message.type,
        orderingKey: message.payload.violationId,
        payload: message,
        createdAt: row.recordedAt,
        availableAt: row.recordedAt,
      };
    });
  if (values.length > 0) await tx.execute(jsonInsert(outbox, ["destination", "type", "orderingKey", "payload", "createdAt", "availableAt"], values));
}

function recordedMessage(row: ViolationRow): MessageOf<"violation.recorded"> {
  const entry = violationCode(row.code);
  const payload = {
    violationId: row.id,
    provinceCode: row.provinceCode,
    plate: row.plate,
    plateType: row.plateType,
    code: row.code,
    descriptionZh: entry?.descriptionZh ?? row.code,
    descriptionEn: entry?.descriptionEn ?? row.code,
    location: row.location,
    occurredAt: row.occurredAt.toISOString(),
    source: row.source,
    fineYuan: row.fineYuan,
    points: row.points,
    warningOnly: row.warningOnly,
    recordedAt: row.recordedAt.toISOString(),
  };
  return buildMessage({ type: "violation.recorded", ...envelope(row.provinceCode, row.recordedAt), payload });
}

/** Enqueues `violation.handled`. */
export async function publishHandled(tx: Inserter, provinceCode: string, h: HandlingRow, handover?: Handover): Promise<void> {
  const payload = {
    violationId: h.violationId,
    handlingId: h.id,
    decisionNumber: h.decisionNumber,
    accountId: h.accountId,
    handledAt: h.handledAt.toISOString(),
    payBy: h.payBy.toISOString(),
    points: h.points,
    fineYuan: h.fineYuan,
  };
  await put(tx, buildMessage({ type: "violation.handled", ...envelope(provinceCode, h.handledAt), payload }), handover);
}

/** Enqueues `violation.paid`. */
export async function publishPaid(tx: Inserter, provinceCode: string, h: HandlingRow, p: PaymentRow, handover?: Handover): Promise<void> {
  const payload = {
    violationId: p.violationId,
    handlingId: h.id,
    paymentId: p.id,
    channel: p.channel,
    amountYuan: p.amountYuan,
    paidAt: p.paidAt.toISOString(),
    points: h.points,
  };
  await put(tx, buildMessage({ type: "violation.paid", ...envelope(provinceCode, p.paidAt), payload }), handover);
}

/** Enqueues `violation.reverted` (R-PAY-1). */
export async function publishReverted(tx: Inserter, provinceCode: string, h: HandlingRow, at: Date): Promise<void> {
  const payload = {
    violationId: h.violationId,
    handlingId: h.id,
    revertedAt: at.toISOString(),
    reason: "PAYMENT_DEADLINE" as const,
  };
  await put(tx, buildMessage({ type: "violation.reverted", ...envelope(provinceCode, at), payload }), undefined);
}
