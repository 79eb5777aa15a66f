/**
 * Webhook events from the handoff (issue 18). Called by the home platform's inbox handlers inside the
 * transaction that applies the message (src/handoff/message-handlers.ts), after the violation index is
 * updated: the deliveries are written in the same transaction as their cause (a transactional outbox),
 * so a rolled-back message leaves none, and the inbox's deduplication of message IDs plus the unique
 * (endpoint, event) key make a redelivered message add nothing.
 */
import type { HandoffMessage } from "@jg/handoff";
import type { FleetViolationData, WebhookEvent, WebhookEventType } from "@jg/webhooks";
import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { leases, partners, vehicles, violationIndex, webhookDeliveries, webhookEndpoints, type LeaseRow } from "../db/schema";
import { fleetOwner } from "../partners/fleet";
import { fleetViolationData, leaseAt } from "../partners/fleet-violation";

const iso = (instant: string) => new Date(instant).toISOString();

/** What each message adds to the violation's data (instants in UTC, as every instant of the event). */
function extraOf(message: HandoffMessage): Partial<FleetViolationData> {
  switch (message.type) {
    case "violation.recorded":
      return {};
    case "violation.handled":
      return { handlingId: message.payload.handlingId, payBy: iso(message.payload.payBy) };
    case "violation.paid":
      return { handlingId: message.payload.handlingId, paidAt: iso(message.payload.paidAt), amountYuan: message.payload.amountYuan };
    case "violation.reverted":
      return { handlingId: message.payload.handlingId, revertedAt: iso(message.payload.revertedAt) };
  }
}

/** The event ID of a handoff message: stable, so a replay or retry carries the same one. */
const eventIdOf = (message: HandoffMessage) => `evt_${message.messageId}`;

/**
 * Writes one delivery per enabled endpoint, of the partner owning the violation's vehicle, that
 * wants this event. Uses the caller's transaction only.
 * @returns the number of deliveries written.
 */
export function enqueueWebhookEvents(tx: PlatformDb, message: HandoffMessage, now: Date): Promise<number> {
  return enqueueWebhookEventsFor(tx, [message], now);
}

/**
 * The leases that may hold the targets' violations, in one query for the whole run (issue 18 follow-up:
 * it was one query per message with a partner endpoint): the leases of those plates and partners that
 * overlap the span of the violations' instants; each message picks its own in memory.
 */
async function leasesFor(tx: PlatformDb, found: readonly { row: { plate: string; occurredAt: Date }; partnerId: string }[]): Promise<LeaseRow[]> {
  const plates = [...new Set(found.map((t) => t.row.plate))];
  const partnerIds = [...new Set(found.map((t) => t.partnerId))];
  const instants = found.map((t) => t.row.occurredAt.getTime());
  return tx
    .select()
    .from(leases)
    .where(
      and(
        inArray(leases.plate, plates),
        inArray(leases.partnerId, partnerIds),
        lte(leases.startsAt, new Date(Math.max(...instants))),
        gt(leases.endsAt, new Date(Math.min(...instants))),
      ),
    );
}

/**
 * {@link enqueueWebhookEvents} for several messages (a batch's run, issue 18 follow-up): one indexed
 * query finds every message's targets, one query their leases, and all deliveries go in one insert, in the messages' order
 * (endpoints by ID within a message). The same rows as calling it per message, in the same order.
 */
export async function enqueueWebhookEventsFor(tx: PlatformDb, messages: readonly HandoffMessage[], now: Date): Promise<number> {
  if (messages.length === 0) return 0;
  const violationIds = [...new Set(messages.map((m) => m.payload.violationId))];
  // For vehicles without a subscribed partner (most) this returns nothing; one query for the whole run.
  const found = await tx
    .select({ row: violationIndex, endpointId: webhookEndpoints.id, partnerId: partners.id, events: webhookEndpoints.events })
    .from(violationIndex)
    .innerJoin(vehicles, eq(vehicles.plate, violationIndex.plate))
    .innerJoin(partners, fleetOwner())
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.partnerId, partners.id))
    .where(
      and(
        inArray(violationIndex.violationId, violationIds),
        eq(webhookEndpoints.enabled, true),
      ),
    )
    .orderBy(asc(webhookEndpoints.id));
  if (found.length === 0) return 0;
  const leasesOf = await leasesFor(tx, found);
  const deliveries: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const message of messages) {
    const type: WebhookEventType = message.type;
    const targets = found.filter((t) => t.row.violationId === message.payload.violationId && t.events.includes(type));
    if (targets.length === 0) continue;
    const row = targets[0]!.row;
    const partnerId = targets[0]!.partnerId;
    // A vehicle's leases never overlap (lease.service.ts refuses it): at most one holds the instant.
    const lease = leaseAt(leasesOf.filter((l) => l.plate === row.plate && l.partnerId === partnerId), row.occurredAt);
    const event: WebhookEvent = { id: eventIdOf(message), type, createdAt: now.toISOString(), data: { ...fleetViolationData(row, lease ?? null), ...extraOf(message) } };
    for (const t of targets) {
      deliveries.push({
        endpointId: t.endpointId,
        partnerId: t.partnerId,
        eventId: event.id,
        eventType: type,
        violationId: row.violationId,
        payload: event,
        createdAt: now,
        availableAt: now,
      });
    }
  }
  if (deliveries.length === 0) return 0;
  const written = await tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  return written.length;
}
