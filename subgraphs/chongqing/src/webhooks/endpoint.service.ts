/**
 * A rental partner's webhook endpoints (issue 18): register, list, enable or disable, rotate the
 * signing secret. Every write is one transaction holding the partner's row lock, so a retry and its
 * original, or two registrations racing for the limit, run one after the other. Another partner's
 * endpoint answers NOT_FOUND, as an unknown ID (issue #10 §3).
 */
import { createHash, randomUUID } from "node:crypto";
import { AppFault } from "@jg/errors";
import type { WebhookEventType } from "@jg/webhooks";
import { and, asc, count, eq } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { partners, webhookEndpoints, type PartnerRow, type WebhookEndpointRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { generateSigningSecret, openSecret, sealSecret } from "./secret-box";

/** Endpoints one partner may hold. */
const MAX_ENDPOINTS_PER_PARTNER = 16;

export type RegisterEndpointInput = { url: string; events: WebhookEventType[]; description: string | null; idempotencyKey: string };
/** An endpoint with its current signing secret in clear: answered only by register and rotate. */
export type EndpointWithSecret = { endpoint: WebhookEndpointRow; secret: string };

const fingerprintOf = (input: RegisterEndpointInput) =>
  createHash("sha256")
    .update(JSON.stringify([input.url, [...input.events].sort(), input.description]))
    .digest("hex");

async function lockPartner(tx: PlatformDb, partner: PartnerRow): Promise<void> {
  await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, partner.id)).for("update");
}

async function ownEndpoint(tx: PlatformDb, partner: PartnerRow, id: string): Promise<WebhookEndpointRow> {
  const [row] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.partnerId, partner.id)));
  if (!row) throw new AppFault("NOT_FOUND");
  return row;
}

/** Registers an endpoint; a retry under the same key with the same data answers the same endpoint. */
export async function registerEndpoint(deps: PlatformDeps, partner: PartnerRow, input: RegisterEndpointInput, now: Date): Promise<EndpointWithSecret> {
  const fingerprint = fingerprintOf(input);
  const codeSecret = deps.citizen.codeSecret;
  return deps.db.transaction(async (tx) => {
    await lockPartner(tx, partner);
    const [previous] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.partnerId, partner.id), eq(webhookEndpoints.idempotencyKey, input.idempotencyKey)));
    if (previous) {
      if (previous.fingerprint !== fingerprint) throw new AppFault("IDEMPOTENCY_KEY_REUSED");
      return { endpoint: previous, secret: openSecret(codeSecret, previous.secretSealed) };
    }
    const [held] = await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.partnerId, partner.id));
    if ((held?.n ?? 0) >= MAX_ENDPOINTS_PER_PARTNER) {
      throw new AppFault("BAD_USER_INPUT", { params: { reason: `at most ${MAX_ENDPOINTS_PER_PARTNER} endpoints per partner` } });
    }
    const secret = generateSigningSecret();
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({
        id: randomUUID(),
        partnerId: partner.id,
        url: input.url,
        events: [...new Set(input.events)].sort(),
        description: input.description,
        secretSealed: sealSecret(codeSecret, secret),
        idempotencyKey: input.idempotencyKey,
        fingerprint,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { endpoint: endpoint!, secret };
  });
}

/** The partner's endpoints, oldest first. */
export function listEndpoints(db: PlatformDb, partner: PartnerRow): Promise<WebhookEndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.partnerId, partner.id)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

/**
 * Enables or disables an endpoint (idempotent). A disabled endpoint gets no new deliveries, and its
 * pending ones wait (the relay skips them) until it is enabled again.
 */
export async function setEndpointEnabled(deps: PlatformDeps, partner: PartnerRow, id: string, enabled: boolean, now: Date): Promise<WebhookEndpointRow> {
  return deps.db.transaction(async (tx) => {
    const row = await ownEndpoint(tx, partner, id);
    if (row.enabled === enabled) return row;
    const [updated] = await tx.update(webhookEndpoints).set({ enabled, updatedAt: now }).where(eq(webhookEndpoints.id, id)).returning();
    return updated!;
  });
}

/**
 * Rotates the signing secret. The old secret keeps signing beside the new one (two `v1` values)
 * for `previousValidHours` (0: dropped at once), so the receiver can switch without losing
 * deliveries. A retry under the key of the last rotation answers the same new secret instead of
 * rotating again (which would drop the secret the receiver still uses).
 */
export async function rotateSecret(
  deps: PlatformDeps,
  partner: PartnerRow,
  id: string,
  input: { idempotencyKey: string; previousValidHours: number },
  now: Date,
): Promise<EndpointWithSecret> {
  const codeSecret = deps.citizen.codeSecret;
  return deps.db.transaction(async (tx) => {
    await lockPartner(tx, partner);
    const row = await ownEndpoint(tx, partner, id);
    if (row.rotationKey === input.idempotencyKey) return { endpoint: row, secret: openSecret(codeSecret, row.secretSealed) };
    const secret = generateSigningSecret();
    const keepPrevious = input.previousValidHours > 0;
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        secretSealed: sealSecret(codeSecret, secret),
        previousSecretSealed: keepPrevious ? row.secretSealed : null,
        previousSecretExpiresAt: keepPrevious ? new Date(now.getTime() + input.previousValidHours * 3_600_000) : null,
        rotationKey: input.idempotencyKey,
        secretRotatedAt: now,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return { endpoint: updated!, secret };
  });
}

/** The secrets that sign a delivery now: the current one, then the previous one while it is valid. */
export function signingSecrets(codeSecret: string, endpoint: Pick<WebhookEndpointRow, "secretSealed" | "previousSecretSealed" | "previousSecretExpiresAt">, now: Date): string[] {
  const secrets = [openSecret(codeSecret, endpoint.secretSealed)];
  if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > now.getTime()) {
    secrets.push(openSecret(codeSecret, endpoint.previousSecretSealed));
  }
  return secrets;
}
