/**
 * Claiming due webhook deliveries (see relay.ts), as the handoff relay claims its outbox (@jg/handoff
 * relay-claim.ts): one statement selects them `FOR UPDATE SKIP LOCKED` (pending, due on the business
 * clock, unleased or lease expired on the wall clock, endpoint enabled, none earlier pending for the same
 * endpoint and violation) and leases them (`UPDATE … WHERE id IN (SELECT …) RETURNING *`). It was a
 * transaction of BEGIN, SELECT, UPDATE, COMMIT: an idle poll is now one round trip instead of three
 * (issue 12). The endpoints' URL and secrets are read after, only when rows were claimed.
 */
import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { PlatformDb } from "../db/database";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow, type WebhookEndpointRow } from "../db/schema";

export type ClaimedDelivery = {
  delivery: WebhookDeliveryRow;
  endpoint: Pick<WebhookEndpointRow, "url" | "secretSealed" | "previousSecretSealed" | "previousSecretExpiresAt">;
};

/** Claims up to `batchSize` due deliveries for `leaseMs` of wall time, in seq order. */
export async function claimDeliveries(db: PlatformDb, o: { now: Date; wallNow: Date; batchSize: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const d = webhookDeliveries;
  const earlier = alias(webhookDeliveries, "earlier");
  const due = db
    .select({ id: d.id })
    .from(d)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, d.endpointId))
    .where(
      and(
        // Literal: the predicate of the partial index webhook_deliveries_order_idx, kept by generic plans.
        sql`${d.status} = 'PENDING'`,
        lte(d.availableAt, o.now),
        or(isNull(d.leaseUntil), lt(d.leaseUntil, o.wallNow)),
        eq(webhookEndpoints.enabled, true),
        notExists(
          db
            .select({ one: sql`1` })
            .from(earlier)
            .where(and(eq(earlier.endpointId, d.endpointId), eq(earlier.violationId, d.violationId), sql`${earlier.status} = 'PENDING'`, lt(earlier.seq, d.seq))),
        ),
      ),
    )
    .orderBy(asc(d.seq))
    .limit(o.batchSize)
    .for("update", { of: d, skipLocked: true });
  const leaseUntil = new Date(o.wallNow.getTime() + o.leaseMs);
  const rows = await db.update(d).set({ leaseUntil }).where(inArray(d.id, due)).returning();
  if (rows.length === 0) return [];
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      secretSealed: webhookEndpoints.secretSealed,
      previousSecretSealed: webhookEndpoints.previousSecretSealed,
      previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
    })
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, [...new Set(rows.map((r) => r.endpointId))]));
  const byId = new Map(endpoints.map(({ id, ...endpoint }) => [id, endpoint]));
  // RETURNING keeps no order: the relay sends in seq order.
  return rows.sort((a, b) => a.seq - b.seq).flatMap((delivery) => {
    const endpoint = byId.get(delivery.endpointId);
    return endpoint ? [{ delivery, endpoint }] : [];
  });
}
