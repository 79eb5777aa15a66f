/**
 * The home platform's inbox handlers (docs/design.md §4): @jg/handoff's `receive` runs each inside the
 * transaction that records the message ID, so a duplicate delivery changes nothing.
 * - recorded → index the violation under its plate (Vehicle.violations lists every province's);
 * - handled → bookkeeping only: the index's synced status;
 * - paid → the reservation becomes points on the licence;
 * - reverted → the reservation is released (R-PAY-1).
 * Each then writes the webhook deliveries of the vehicle's rental partner in the same transaction
 * (src/webhooks/events.ts, issue 18).
 */
import type { BatchMessageHandlers, HandoffMessage, MessageHandler, MessageHandlers, ViolationPaid, ViolationRecorded, ViolationReverted } from "@jg/handoff";
import { jsonInsert } from "@jg/service-kit";
import { eq, inArray, sql } from "drizzle-orm";
import type { PlatformDb, PlatformSchema } from "../db/database";
import { violationIndex, type ViolationIndexRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { enqueueWebhookEvents, enqueueWebhookEventsFor } from "../webhooks/events";
import { applyPaidHandling, releaseHandling } from "./settle.service";

/** Sets the synced status of the violations' index rows, in one statement (one violation is the batch of one). */
async function setStatus(tx: PlatformDb, violationIds: string[], status: ViolationIndexRow["status"], at: Date): Promise<void> {
  await tx
    .update(violationIndex)
    .set({ status, syncedAt: at })
    .where(violationIds.length === 1 ? eq(violationIndex.violationId, violationIds[0]!) : inArray(violationIndex.violationId, violationIds));
}

const idsOf = (messages: HandoffMessage[]) => messages.map((m) => m.payload.violationId);

function indexRowOf(message: ViolationRecorded, now: Date): typeof violationIndex.$inferInsert {
  const p = message.payload;
  return {
    violationId: p.violationId,
    plate: p.plate,
    provinceCode: p.provinceCode,
    status: "UNHANDLED",
    facts: { ...p },
    occurredAt: new Date(p.occurredAt),
    recordedAt: new Date(p.recordedAt),
    syncedAt: now,
  };
}

const INDEX_COLUMNS = ["violationId", "plate", "provinceCode", "status", "facts", "occurredAt", "recordedAt", "syncedAt"] as const;

/**
 * Indexes recorded violations with one multi-row statement (one message is the batch of one), its rows
 * as one JSON parameter (`jsonInsert`: drizzle's per-cell parameters were much of the batch's CPU). The
 * receiver never passes one violation twice (Postgres refuses to update a row twice in one statement).
 * A second "recorded" for one ID (a corrected record) refreshes the facts, never the status.
 */
async function indexRecorded(tx: PlatformDb, messages: ViolationRecorded[], now: Date): Promise<void> {
  const rows = messages.map((m) => indexRowOf(m, now));
  const refresh = sql`on conflict (violation_id) do update set facts = excluded.facts, plate = excluded.plate, synced_at = excluded.synced_at`;
  await tx.execute(jsonInsert(violationIndex, INDEX_COLUMNS, rows, refresh));
}

/**
 * Paid: each reservation becomes points on the licence (one by one, the licence locked), then one status
 * update for all.
 */
async function settlePaid(tx: PlatformDb, messages: ViolationPaid[], deps: Pick<PlatformDeps, "clock" | "log">): Promise<void> {
  const now = deps.clock.now();
  for (const message of messages) {
    const outcome = await applyPaidHandling(tx, message.payload.handlingId, new Date(message.payload.paidAt), now, message.payload.violationId);
    // No reservation means the province let a handling through without authorize: points cannot be
    // placed on a licence, and silently dropping them would hide it. Logged loudly for operators.
    if (outcome === "no-reservation") deps.log.error({ message }, "paid handling has no reservation; points not applied");
  }
  await setStatus(tx, idsOf(messages), "PAID", now);
}

/** Reverted: each reservation is released (R-PAY-1), then one status update for all. */
async function settleReverted(tx: PlatformDb, messages: ViolationReverted[], now: Date): Promise<void> {
  for (const message of messages) {
    await releaseHandling(tx, message.payload.handlingId, new Date(message.payload.revertedAt), now, "R-PAY-1 reverted", message.payload.violationId);
  }
  await setStatus(tx, idsOf(messages), "UNHANDLED", now);
}

/** The handlers, bound to the injected clock and the log. */
export function homeMessageHandlers(deps: Pick<PlatformDeps, "clock" | "log">): MessageHandlers<PlatformSchema> {
  const handlers: MessageHandlers<PlatformSchema> = {
    "violation.recorded": (tx, message) => indexRecorded(tx, [message], deps.clock.now()),
    "violation.handled": (tx, message) => setStatus(tx, [message.payload.violationId], "HANDLED_UNPAID", deps.clock.now()),
    "violation.paid": (tx, message) => settlePaid(tx, [message], deps),
    "violation.reverted": (tx, message) => settleReverted(tx, [message], deps.clock.now()),
  };
  const withWebhooks =
    (handle: MessageHandler<PlatformSchema, HandoffMessage>): MessageHandler<PlatformSchema, HandoffMessage> =>
    async (tx, message) => {
      await handle(tx, message);
      await enqueueWebhookEvents(tx, message, deps.clock.now());
    };
  return Object.fromEntries(Object.entries(handlers).map(([type, handle]) => [type, withWebhooks(handle as MessageHandler<PlatformSchema, HandoffMessage>)])) as MessageHandlers<PlatformSchema>;
}

/**
 * The batch handlers (issue 18 follow-up): the receiver's default one-transaction-per-batch mode hands
 * a run of consecutive new messages of one type (distinct violations) to one call: "recorded" indexes
 * them with one statement, "handled", "paid" and "reverted" set their status with one (paid and reverted
 * still settle each reservation on its licence), and all find their webhook targets with one query; the
 * same rows as {@link homeMessageHandlers} one by one. A failure falls back to the per-message handlers.
 */
export function homeBatchHandlers(deps: Pick<PlatformDeps, "clock" | "log">): BatchMessageHandlers<PlatformSchema> {
  const withWebhooks =
    <M extends HandoffMessage>(handle: (tx: PlatformDb, messages: M[]) => Promise<void>) =>
    async (tx: PlatformDb, messages: M[]) => {
      await handle(tx, messages);
      await enqueueWebhookEventsFor(tx, messages, deps.clock.now());
    };
  return {
    "violation.recorded": withWebhooks((tx, messages) => indexRecorded(tx, messages, deps.clock.now())),
    "violation.handled": withWebhooks((tx, messages) => setStatus(tx, idsOf(messages), "HANDLED_UNPAID", deps.clock.now())),
    "violation.paid": withWebhooks<ViolationPaid>((tx, messages) => settlePaid(tx, messages, deps)),
    "violation.reverted": withWebhooks<ViolationReverted>((tx, messages) => settleReverted(tx, messages, deps.clock.now())),
  };
}
