/**
 * The partner's delivery log and replay (issue 18). A partner reads and replays its own deliveries
 * only; another partner's answer as unknown IDs (issue #10 §3).
 */
import { AppFault } from "@jg/errors";
import DataLoader from "dataloader";
import { and, asc, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { manyByKey } from "../db/by-key";
import { webhookAttempts, webhookDeliveries, type PartnerRow, type WebhookAttemptRow, type WebhookDeliveryRow, type WebhookDeliveryStatus } from "../db/schema";
import type { PlatformDeps } from "../deps";

export type DeliveryFilter = { endpointId?: string; status?: WebhookDeliveryStatus; eventId?: string; first: number; before?: number };

/** The partner's deliveries, newest first (by insertion order; `before` is a `seq` cursor). */
export function listDeliveries(db: PlatformDb, partner: PartnerRow, filter: DeliveryFilter): Promise<WebhookDeliveryRow[]> {
  const d = webhookDeliveries;
  const where: SQL[] = [eq(d.partnerId, partner.id)];
  if (filter.endpointId) where.push(eq(d.endpointId, filter.endpointId));
  if (filter.status) where.push(eq(d.status, filter.status));
  if (filter.eventId) where.push(eq(d.eventId, filter.eventId));
  if (filter.before !== undefined) where.push(lt(d.seq, filter.before));
  return db.select().from(d).where(and(...where)).orderBy(desc(d.seq)).limit(filter.first);
}

/** Attempts of each delivery, oldest first: one SQL per batch. */
export function createAttemptsLoader(db: PlatformDb): DataLoader<string, WebhookAttemptRow[]> {
  return new DataLoader(async (ids) =>
    manyByKey(ids, await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, [...ids])).orderBy(asc(webhookAttempts.id)), (row) => row.deliveryId),
  );
}

/**
 * Sends a delivery again, now: the same event ID and body (the receiver deduplicates), a fresh
 * attempt budget. Idempotent: a delivered or failed one becomes due once; replaying one that is
 * already waiting only makes it due now, so a retried call sends it once more at most.
 */
export async function replayDelivery(deps: PlatformDeps, partner: PartnerRow, id: string, now: Date): Promise<WebhookDeliveryRow> {
  const replayed = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.partnerId, partner.id)))
      .for("update");
    if (!row) throw new AppFault("NOT_FOUND");
    if (row.status === "PENDING") {
      // Already waiting: only brought forward (a receiver fixed during a long backoff is not kept waiting).
      if (row.availableAt.getTime() <= now.getTime()) return row;
      const [due] = await tx.update(webhookDeliveries).set({ availableAt: now }).where(eq(webhookDeliveries.id, id)).returning();
      return due!;
    }
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({ status: "PENDING", availableAt: now, roundAttempts: 0, deliveredAt: null, leaseUntil: null })
      .where(eq(webhookDeliveries.id, id))
      .returning();
    return updated!;
  });
  deps.webhooksWritten?.(); // committed: an idle relay polls soon, not after its back-off
  return replayed;
}
