/**
 * The webhook tests' shared fixture (webhooks.test.ts, webhook-delivery.test.ts, webhook-lifecycle.test.ts):
 * documents, types and `webhookWorld`, the platform, relay, receiver and partners they all run on.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import type { PartnerRow, VehicleRow } from "../src/db/schema";
import { seedPartner } from "../src/seed";
import { WebhookRelay } from "../src/webhooks/relay";
import { authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform, type TestPlatform } from "./flow";
import { companyCar, idNumber } from "./people";
import { TestReceiver } from "./webhook-receiver";
import type { TestEngine } from "@jg/service-kit/testing";

/** Shared types and documents of the webhook tests. */

export type Registered = { signingSecret: string; endpoint: { id: string; url: string; events: string[]; enabled: boolean } };
export type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastStatusCode: number | null;
  payload: string;
  attemptLog: { statusCode: number | null; error: string | null }[];
};

export const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
export const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { signingSecret endpoint { id url events enabled } } }`;
export const ENDPOINTS = "{ webhookEndpoints { id url enabled } }";
export const ENABLE = "mutation($id: ID!, $on: Boolean!) { setWebhookEndpointEnabled(id: $id, enabled: $on) { id enabled } }";
export const ROTATE = "mutation($id: ID!, $key: String!, $hours: Int) { rotateWebhookSecret(id: $id, idempotencyKey: $key, previousSecretValidHours: $hours) { signingSecret endpoint { previousSecretExpiresAt } } }";
const DELIVERIES = `query($endpointId: ID, $eventId: String) { webhookDeliveries(endpointId: $endpointId, eventId: $eventId) {
  id eventId eventType status attempts nextAttemptAt deliveredAt lastStatusCode payload attemptLog { statusCode error } } }`;
export const REPLAY = "mutation($id: ID!) { replayWebhookDelivery(id: $id) { id status eventId } }";
const WRITE_LEASE = "mutation($input: WriteLeaseInput!) { writeLease(input: $input) { id } }";
export const FLEET = "{ partnerFleet { plate violations { violationId status fineYuan lease { id lessee { idNumber } } } } }";

let keys = 0;
export const key = () => `hook-key-${++keys}-${randomUUID()}`;

/** What the world's beforeAll set up (read it in a test file's own beforeAll). */
export interface WebhookWorldState {
  t: TestPlatform;
  relay: WebhookRelay;
  partner: PartnerRow;
  other: PartnerRow;
  car: VehicleRow;
  otherCar: VehicleRow;
  leaseId: string;
}

/**
 * One platform (business clock 2024-06-01), a driven relay (backoff 1 s doubling, no jitter, 4 attempts),
 * a loopback receiver, two partners with a company car each and a lease on the first one's car.
 * Call inside a describe: registers its beforeAll/afterAll.
 */
export function webhookWorld(engine: TestEngine) {
  let t: TestPlatform;
  let relay: WebhookRelay;
  const receiver = new TestReceiver();
  let partner: PartnerRow, other: PartnerRow;
  let car: VehicleRow, otherCar: VehicleRow;
  let leaseId: string;
  const lessee = idNumber();
  const as = (p: PartnerRow) => ({ kind: "PARTNER" as const, partnerId: p.id, companyId: p.creditCode });

  /**
   * Registers an endpoint of `p` at the receiver (all events by default) and lets the receiver verify
   * its secret. The partner's earlier endpoints are disabled first, so each test sees its own deliveries.
   */
  async function register(p: PartnerRow, events = ["VIOLATION_RECORDED", "VIOLATION_HANDLED", "VIOLATION_PAID", "VIOLATION_REVERTED"]): Promise<Registered> {
    const existing = (await gql<{ webhookEndpoints: { id: string; enabled: boolean }[] }>(t, as(p), ENDPOINTS)).data!.webhookEndpoints;
    for (const e of existing.filter((x) => x.enabled)) await gql(t, as(p), ENABLE, { id: e.id, on: false });
    const res = await gql<{ registerWebhookEndpoint: Registered }>(t, as(p), REGISTER, { input: { url: receiver.url, events, idempotencyKey: key() } });
    const registered = res.data!.registerWebhookEndpoint;
    receiver.secrets.push(registered.signingSecret);
    return registered;
  }

  /** A "recorded" handoff message for `plate`, delivered to the platform's inbox. */
  async function record(plate: string, occurredAt = "2024-06-06T09:00:00+08:00") {
    const req = authorizeRequest(randomUUID(), { plate, occurredAt });
    const msg = message("violation.recorded", recordedOf(req));
    expect(await deliver(t, msg)).toBe("processed");
    return { req, msg, eventId: `evt_${msg.messageId}` };
  }

  const deliveries = async (p: PartnerRow, vars: Record<string, unknown>) => (await gql<{ webhookDeliveries: Delivery[] }>(t, as(p), DELIVERIES, vars)).data!.webhookDeliveries;

  /** Moves the business clock past any backoff (jitter is off: at most 2^(n-1) s) and sends one batch. */
  async function retryLater(seconds = 60) {
    t.clock.advance(seconds * 1000);
    return relay.drainOnce();
  }

  beforeAll(async () => {
    t = await startTestPlatform(engine, "2024-06-01T10:00:00+08:00", { webhooks: { relay: false } });
    relay = new WebhookRelay({ db: t.database.db, clock: t.clock, codeSecret: t.platform.deps.citizen.codeSecret, backoff: { baseMs: 1_000, jitter: 0 }, maxAttempts: 4, timeoutMs: 2_000 });
    await receiver.up();
    const db = t.database.db;
    partner = await seedPartner(db, { companyName: "租车甲", creditCode: "91500000MA5UW0001A", apiKey: "hook-ka" });
    other = await seedPartner(db, { companyName: "租车乙", creditCode: "91500000MA5UW0002B", apiKey: "hook-kb" });
    car = await companyCar(db, partner.creditCode, { useNature: "G" });
    otherCar = await companyCar(db, other.creditCode, { useNature: "G" });
    const lease = await gql<{ writeLease: { id: string } }>(t, as(partner), WRITE_LEASE, {
      input: { plate: car.plate, lesseeIdNumber: lessee, lesseeName: "承租人", start: "2024-06-05T00:00:00+08:00", end: "2024-06-08T00:00:00+08:00", idempotencyKey: key() },
    });
    leaseId = lease.data!.writeLease.id;
  });
  afterAll(async () => {
    await relay?.stop();
    await receiver.down();
    await t?.close();
    await engine.cleanup();
  });
  const state = (): WebhookWorldState => ({ t, relay, partner, other, car, otherCar, leaseId });
  return { receiver, lessee, as, register, record, deliveries, retryLater, state };
}
