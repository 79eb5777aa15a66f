/**
 * Partners' signed webhook deliveries (issue 18) with a real HTTP receiver on loopback: endpoints
 * through the GraphQL API as PARTNER identities, deliveries written with the handoff message that
 * causes them, retries with backoff after 500s and while the receiver is down, deduplication by event
 * ID at the receiver, the verification helper refusing tampered and stale deliveries, rotation,
 * replay, and the fleet's violations in the graph (R-ELG-7: with the lease each falls in).
 */
import { randomUUID } from "node:crypto";
import { testEngines } from "@jg/service-kit/testing";
import { SIGNATURE_HEADER, verifyWebhook, WebhookSignatureError, type WebhookEvent } from "@jg/webhooks";
import { asc, count, eq, inArray } from "drizzle-orm";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PlatformDb } from "../src/db/database";
import { violationIndex, webhookDeliveries, webhookEndpoints, type PartnerRow, type VehicleRow } from "../src/db/schema";
import { homeBatchHandlers, homeMessageHandlers } from "../src/handoff/message-handlers";
import { seedPartner } from "../src/seed";
import { enqueueWebhookEvents } from "../src/webhooks/events";
import { refuseEndpointUrl } from "../src/webhooks/endpoint-url";
import { publicOnlyDispatcher, refuseResolvedHost } from "../src/webhooks/public-address";
import { WebhookRelay } from "../src/webhooks/relay";
import { authorizeRequest, deliver, gql, message, post, recordedOf, startTestPlatform, type TestPlatform } from "./flow";
import { companyCar, idNumber } from "./people";
import { TestReceiver } from "./webhook-receiver";

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { signingSecret endpoint { id url events enabled } } }`;
const ENDPOINTS = "{ webhookEndpoints { id url enabled } }";
const ENABLE = "mutation($id: ID!, $on: Boolean!) { setWebhookEndpointEnabled(id: $id, enabled: $on) { id enabled } }";
const ROTATE = "mutation($id: ID!, $key: String!, $hours: Int) { rotateWebhookSecret(id: $id, idempotencyKey: $key, previousSecretValidHours: $hours) { signingSecret endpoint { previousSecretExpiresAt } } }";
const DELIVERIES = `query($endpointId: ID, $eventId: String) { webhookDeliveries(endpointId: $endpointId, eventId: $eventId) {
  id eventId eventType status attempts nextAttemptAt deliveredAt lastStatusCode payload attemptLog { statusCode error } } }`;
const REPLAY = "mutation($id: ID!) { replayWebhookDelivery(id: $id) { id status eventId } }";
const WRITE_LEASE = "mutation($input: WriteLeaseInput!) { writeLease(input: $input) { id } }";
const FLEET = "{ partnerFleet { plate violations { violationId status fineYuan lease { id lessee { idNumber } } } } }";

type Registered = { signingSecret: string; endpoint: { id: string; url: string; events: string[]; enabled: boolean } };
type Delivery = {
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

let keys = 0;
const key = () => `hook-key-${++keys}-${randomUUID()}`;

for (const engine of testEngines()) {
  describe(`partner webhooks on ${engine.name}`, () => {
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

    it("registration validates the URL and events, is idempotent on its key, and refuses the key with other data", async () => {
      const input = { url: receiver.url, events: ["VIOLATION_PAID"], idempotencyKey: key() };
      const first = (await gql<{ registerWebhookEndpoint: Registered }>(t, as(other), REGISTER, { input })).data!.registerWebhookEndpoint;
      expect(first.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const again = (await gql<{ registerWebhookEndpoint: Registered }>(t, as(other), REGISTER, { input })).data!.registerWebhookEndpoint;
      expect(again).toEqual(first);
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, events: ["VIOLATION_RECORDED"] } }))).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, url: "ftp://127.0.0.1/x", idempotencyKey: key() } }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, url: "not a url", idempotencyKey: key() } }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, events: [], idempotencyKey: key() } }))).toBe("BAD_USER_INPUT");
      // The retry made no second endpoint.
      const listed = (await gql<{ webhookEndpoints: { id: string }[] }>(t, as(other), ENDPOINTS)).data!.webhookEndpoints;
      expect(listed.map((e) => e.id)).toEqual([first.endpoint.id]);
    });

    it("URLs: http(s) only; loopback and private addresses are allowed in development and refused in production", () => {
      expect(refuseEndpointUrl("http://127.0.0.1:9/x", false)).toBeNull();
      expect(refuseEndpointUrl("https://hooks.example.com/jg", true)).toBeNull();
      for (const url of ["http://127.0.0.1:9/x", "http://localhost/x", "http://localhost./x", "http://[::1]/x", "http://10.1.2.3/x", "http://192.168.0.5/x", "http://169.254.169.254/latest", "http://[::ffff:127.0.0.1]/x"]) {
        expect(refuseEndpointUrl(url, true), url).not.toBeNull();
      }
      expect(refuseEndpointUrl("file:///etc/passwd", false)).not.toBeNull();
      expect(refuseEndpointUrl("https://user:pw@hooks.example.com/", false)).not.toBeNull();
    });

    it("production: a host name resolving to an internal address is refused at registration and at the connection itself; a literal one too; development delivers", async () => {
      // Registration: a name that resolves (here by a test resolver) to a private address is refused.
      const resolveTo = (address: string) => ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address, family: 4 }])) as never;
      expect(await refuseResolvedHost("hooks.partner.test", resolveTo("10.0.0.7"))).toMatch(/10\.0\.0\.7, an internal address/);
      expect(await refuseResolvedHost("hooks.partner.test", resolveTo("203.0.113.9"))).toBeNull();
      expect(await refuseResolvedHost("[::1]")).not.toBeNull();
      // Rebinding: the name answered a public address when registered, a loopback one when connected. The
      // connection's own lookup is checked, so the request never leaves.
      let answers = 0;
      const rebinding = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
        cb(null, [{ address: answers++ === 0 ? "203.0.113.9" : "127.0.0.1", family: 4 }])) as never;
      expect(await refuseResolvedHost("rebind.partner.test", rebinding)).toBeNull();
      const guarded = publicOnlyDispatcher(rebinding);
      const before = receiver.received.length;
      const refused = await fetch(receiver.url.replace("127.0.0.1", "rebind.partner.test"), { method: "POST", body: "{}", dispatcher: guarded }).catch((err: Error) => err);
      await guarded.close();
      expect(refused).toBeInstanceOf(Error);
      expect(String((refused as Error & { cause?: Error }).cause?.message)).toMatch(/resolves to 127\.0\.0\.1, an internal address/);
      // The relay in production mode: a receiver on `localhost` (resolved by the system) and on 127.0.0.1 are
      // both refused and logged; the development relay delivers the same event.
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      const production = new WebhookRelay({ db: t.database.db, clock: t.clock, codeSecret: t.platform.deps.citizen.codeSecret, backoff: { baseMs: 1_000, jitter: 0 }, maxAttempts: 4, publicOnly: true });
      const setUrl = (url: string) => t.database.db.update(webhookEndpoints).set({ url }).where(eq(webhookEndpoints.id, hook.endpoint.id));
      try {
        await setUrl(receiver.url.replace("127.0.0.1", "localhost"));
        const { eventId } = await record(car.plate);
        await production.drainOnce();
        const [first] = await deliveries(partner, { eventId });
        expect(first).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: null });
        expect(first!.attemptLog[0]!.error).toMatch(/internal address/);
        await setUrl(receiver.url);
        t.clock.advance(60_000);
        await production.drainOnce();
        const [second] = await deliveries(partner, { eventId });
        expect(second!.attempts).toBe(2);
        expect(second!.attemptLog.map((a) => a.error)).toEqual([expect.stringMatching(/internal address/), expect.stringMatching(/^refused: 127\.0\.0\.1 is an internal address/)]);
        expect(receiver.received.slice(before).filter((r) => r.headers["x-jg-event-id"] === eventId)).toHaveLength(0);
        await retryLater();
        expect((await deliveries(partner, { eventId }))[0]).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 200 });
        expect(receiver.received.slice(before).filter((r) => r.headers["x-jg-event-id"] === eventId)).toHaveLength(1);
      } finally {
        await production.stop();
      }
    });

    it("a partner sees only its own endpoints and deliveries; another's answer as not existing; citizens and anonymous callers are refused", async () => {
      const mine = await register(partner, ["VIOLATION_REVERTED"]);
      const theirs = (await gql<{ webhookEndpoints: { id: string }[] }>(t, as(other), ENDPOINTS)).data!.webhookEndpoints;
      expect(theirs.map((e) => e.id)).not.toContain(mine.endpoint.id);
      expect(codeOf(await gql(t, as(other), ENABLE, { id: mine.endpoint.id, on: false }))).toBe("NOT_FOUND");
      expect(codeOf(await gql(t, as(other), ROTATE, { id: mine.endpoint.id, key: key() }))).toBe("NOT_FOUND");
      expect(codeOf(await gql(t, as(other), ENABLE, { id: randomUUID(), on: false }))).toBe("NOT_FOUND");
      expect(await deliveries(other, { endpointId: mine.endpoint.id })).toEqual([]);
      expect(codeOf(await gql(t, { kind: "CITIZEN", accountId: randomUUID() }, ENDPOINTS))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, null, ENDPOINTS))).toBe("UNAUTHENTICATED");
      await gql(t, as(partner), ENABLE, { id: mine.endpoint.id, on: false });
    });

    it("R-ELG-7: a violation recorded on a leased fleet car is delivered signed, with the lease and lessee, the event ID in header and body", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      const before = receiver.received.length;
      const { req, eventId } = await record(car.plate);
      await record(otherCar.plate); // another partner's car: nothing for this partner
      expect((await relay.drainOnce()).delivered).toBeGreaterThanOrEqual(1);
      const got = receiver.received.slice(before).filter((r) => r.headers["x-jg-event-id"] === eventId);
      expect(got).toHaveLength(1);
      expect(got[0]!.verified).toBe(true);
      expect(got[0]!.headers[SIGNATURE_HEADER]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = verifyWebhook<WebhookEvent>(got[0]!.body, got[0]!.headers[SIGNATURE_HEADER], hook.signingSecret);
      expect(event).toMatchObject({ id: eventId, type: "violation.recorded", data: { violationId: req.violation.id, plate: car.plate, status: "UNHANDLED", lease: { id: leaseId, lesseeIdNumber: lessee } } });
      const log = await deliveries(partner, { endpointId: hook.endpoint.id });
      expect(log.map((d) => [d.eventId, d.status, d.attempts, d.lastStatusCode])).toEqual([[eventId, "DELIVERED", 1, 200]]);
      // Outside the lease: the event says so (lease null, the company's own).
      const { eventId: outside } = await record(car.plate, "2024-06-09T09:00:00+08:00");
      await relay.drainOnce();
      expect(receiver.processed.get(outside)?.data.lease).toBeNull();
    });

    it("retries after 500s with backoff, logging each attempt, until the receiver accepts", async () => {
      const hook = await register(partner, ["VIOLATION_HANDLED"]);
      const { req } = await record(car.plate);
      const handled = message("violation.handled", {
        violationId: req.violation.id,
        handlingId: randomUUID(),
        decisionNumber: "5001000000000001",
        accountId: randomUUID(),
        handledAt: "2024-06-06T10:00:00+08:00",
        payBy: "2024-06-06T12:00:00+08:00",
        points: 3,
        fineYuan: 200,
      });
      receiver.script = [500, 500];
      await deliver(t, handled);
      expect(await relay.drainOnce()).toMatchObject({ failed: 1 });
      let [d] = await deliveries(partner, { endpointId: hook.endpoint.id });
      expect(d).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500 });
      expect(new Date(d!.nextAttemptAt!).getTime()).toBe(t.clock.now().getTime() + 1_000);
      // Not due yet: nothing is sent.
      expect(await relay.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(await retryLater(1)).toMatchObject({ failed: 1 });
      [d] = await deliveries(partner, { endpointId: hook.endpoint.id });
      expect(new Date(d!.nextAttemptAt!).getTime()).toBe(t.clock.now().getTime() + 2_000);
      expect(await retryLater(2)).toMatchObject({ delivered: 1 });
      [d] = await deliveries(partner, { endpointId: hook.endpoint.id });
      expect(d).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 200, nextAttemptAt: null, eventType: "VIOLATION_HANDLED" });
      expect(d!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 200]);
      expect(JSON.parse(d!.payload)).toMatchObject({ data: { status: "HANDLED_UNPAID", payBy: "2024-06-06T04:00:00.000Z" } });
    });

    it("a receiver down for a while gets the event once it is up again; a receiver that never answers 2xx ends FAILED and can be replayed", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      await receiver.down();
      const { eventId } = await record(car.plate);
      for (let i = 0; i < 2; i += 1) await retryLater();
      let [d] = await deliveries(partner, { eventId, endpointId: hook.endpoint.id });
      expect(d).toMatchObject({ status: "PENDING", attempts: 2, lastStatusCode: null });
      expect(d!.attemptLog.every((a) => a.statusCode === null && a.error !== null)).toBe(true);
      await receiver.up();
      await retryLater();
      [d] = await deliveries(partner, { eventId, endpointId: hook.endpoint.id });
      expect(d).toMatchObject({ status: "DELIVERED", attempts: 3 });
      expect(receiver.processed.has(eventId)).toBe(true);

      receiver.script = [503, 503, 503, 503];
      const { eventId: failing } = await record(car.plate);
      for (let i = 0; i < 4; i += 1) await retryLater();
      [d] = await deliveries(partner, { eventId: failing, endpointId: hook.endpoint.id });
      expect(d).toMatchObject({ status: "FAILED", attempts: 4, nextAttemptAt: null });
      expect(await retryLater()).toEqual({ delivered: 0, failed: 0 });
      const woken = vi.spyOn(t.platform.deps, "webhooksWritten");
      const replayed = (await gql<{ replayWebhookDelivery: { status: string } }>(t, as(partner), REPLAY, { id: d!.id })).data!.replayWebhookDelivery;
      expect(replayed.status).toBe("PENDING");
      expect(woken).toHaveBeenCalledTimes(1); // an idle relay is woken (issue 12)
      expect(codeOf(await gql(t, as(other), REPLAY, { id: d!.id }))).toBe("NOT_FOUND");
      await relay.drainOnce();
      [d] = await deliveries(partner, { eventId: failing, endpointId: hook.endpoint.id });
      expect(d).toMatchObject({ status: "DELIVERED", attempts: 5 });
    });

    it("duplicates are deduplicated: a redelivered handoff message adds no delivery, and a lost acknowledgement or a replay reaches the receiver with the same event ID, processed once", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      const { msg, eventId } = await record(car.plate);
      expect(await deliver(t, msg)).toBe("duplicate");
      expect(await deliveries(partner, { eventId, endpointId: hook.endpoint.id })).toHaveLength(1);
      // The receiver processes the event but its 500 (say, a timeout after commit) makes the platform resend.
      receiver.script = [500];
      const before = receiver.received.length;
      await relay.drainOnce();
      await retryLater();
      const [d] = await deliveries(partner, { eventId, endpointId: hook.endpoint.id });
      await gql(t, as(partner), REPLAY, { id: d!.id });
      await relay.drainOnce();
      const sent = receiver.received.slice(before).filter((r) => r.headers["x-jg-event-id"] === eventId);
      expect(sent.map((r) => r.status)).toEqual([500, 200, 200]);
      expect(new Set(sent.map((r) => JSON.parse(r.body).id))).toEqual(new Set([eventId]));
      expect([...receiver.processed.keys()].filter((id) => id === eventId)).toHaveLength(1);
    });

    it("the helper refuses a captured delivery once tampered with or replayed after the tolerance", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      const { eventId } = await record(car.plate);
      await relay.drainOnce();
      const got = receiver.received.find((r) => r.headers["x-jg-event-id"] === eventId)!;
      const header = got.headers[SIGNATURE_HEADER] as string;
      const refusal = (fn: () => unknown) => {
        try {
          fn();
          return "accepted";
        } catch (err) {
          return err instanceof WebhookSignatureError ? err.reason : "other";
        }
      };
      expect(refusal(() => verifyWebhook(got.body, header, hook.signingSecret))).toBe("accepted");
      expect(refusal(() => verifyWebhook(got.body.replace('"fineYuan":200', '"fineYuan":20'), header, hook.signingSecret))).toBe("BAD_SIGNATURE");
      const signedAt = Number(/t=(\d+)/.exec(header)![1]) * 1000;
      expect(refusal(() => verifyWebhook(got.body, header, hook.signingSecret, { now: new Date(signedAt + 301_000) }))).toBe("STALE");
      expect(refusal(() => verifyWebhook(got.body, header, "whsec_someone_else"))).toBe("BAD_SIGNATURE");
    });

    it("rotation: the old secret keeps signing beside the new one for its grace period; a retried rotation does not rotate twice", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      const rotation = key();
      const rotated = (await gql<{ rotateWebhookSecret: { signingSecret: string } }>(t, as(partner), ROTATE, { id: hook.endpoint.id, key: rotation, hours: 24 })).data!.rotateWebhookSecret;
      const retried = (await gql<{ rotateWebhookSecret: { signingSecret: string } }>(t, as(partner), ROTATE, { id: hook.endpoint.id, key: rotation, hours: 24 })).data!.rotateWebhookSecret;
      expect(retried.signingSecret).toBe(rotated.signingSecret);
      expect(rotated.signingSecret).not.toBe(hook.signingSecret);
      receiver.secrets.push(rotated.signingSecret);
      const { eventId } = await record(car.plate);
      await relay.drainOnce();
      const got = receiver.received.find((r) => r.headers["x-jg-event-id"] === eventId)!;
      const header = got.headers[SIGNATURE_HEADER] as string;
      expect(header.match(/v1=/g)).toHaveLength(2);
      expect(() => verifyWebhook(got.body, header, hook.signingSecret)).not.toThrow();
      expect(() => verifyWebhook(got.body, header, rotated.signingSecret)).not.toThrow();
      // Rotating with no grace period drops the previous secret at once.
      const hard = (await gql<{ rotateWebhookSecret: { signingSecret: string } }>(t, as(partner), ROTATE, { id: hook.endpoint.id, key: key(), hours: 0 })).data!.rotateWebhookSecret;
      receiver.secrets.push(hard.signingSecret);
      const { eventId: later } = await record(car.plate);
      await relay.drainOnce();
      const next = receiver.received.find((r) => r.headers["x-jg-event-id"] === later)!;
      expect((next.headers[SIGNATURE_HEADER] as string).match(/v1=/g)).toHaveLength(1);
      expect(() => verifyWebhook(next.body, next.headers[SIGNATURE_HEADER], rotated.signingSecret)).toThrow(WebhookSignatureError);
    });

    it("a disabled endpoint gets no new events, and the ones pending wait until it is enabled again", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      receiver.script = [500];
      const { eventId } = await record(car.plate);
      await relay.drainOnce();
      await gql(t, as(partner), ENABLE, { id: hook.endpoint.id, on: false });
      await gql(t, as(partner), ENABLE, { id: hook.endpoint.id, on: false });
      const { eventId: whileOff } = await record(car.plate);
      await retryLater();
      expect((await deliveries(partner, { eventId, endpointId: hook.endpoint.id }))[0]).toMatchObject({ status: "PENDING", attempts: 1 });
      expect(await deliveries(partner, { eventId: whileOff, endpointId: hook.endpoint.id })).toEqual([]);
      await gql(t, as(partner), ENABLE, { id: hook.endpoint.id, on: true });
      await retryLater();
      expect((await deliveries(partner, { eventId, endpointId: hook.endpoint.id }))[0]).toMatchObject({ status: "DELIVERED", attempts: 2 });
    });

    it("issue 18 follow-up: a batch of recorded messages writes the same index rows and webhook deliveries as one by one, and the batched route writes them", async () => {
      const hook = await register(partner);
      await register(other, ["VIOLATION_RECORDED"]);
      const stranger = await companyCar(t.database.db, "91500000MA5UW0099Z"); // a company without a partner account
      // A violation already indexed and handled: a corrected "recorded" refreshes its facts, never its status.
      const corrected = await record(car.plate, "2024-06-06T08:00:00+08:00");
      const handled = message("violation.handled", {
        violationId: corrected.req.violation.id,
        handlingId: randomUUID(),
        decisionNumber: "5001000000000002",
        accountId: randomUUID(),
        handledAt: "2024-06-06T10:00:00+08:00",
        payBy: "2024-06-06T12:00:00+08:00",
        points: 3,
        fineYuan: 200,
      });
      expect(await deliver(t, handled)).toBe("processed");
      const batch = [
        message("violation.recorded", recordedOf(authorizeRequest(randomUUID(), { plate: car.plate, occurredAt: "2024-06-06T09:30:00+08:00" }))), // in the lease
        message("violation.recorded", recordedOf(authorizeRequest(randomUUID(), { plate: car.plate, occurredAt: "2024-06-20T09:30:00+08:00" }))), // no lease
        message("violation.recorded", recordedOf(authorizeRequest(randomUUID(), { plate: otherCar.plate }))),
        message("violation.recorded", recordedOf(authorizeRequest(randomUUID(), { plate: stranger.plate }))),
        message("violation.recorded", { ...recordedOf(corrected.req), location: "重庆市解放碑" }),
      ];
      const ids = batch.map((m) => m.payload.violationId);
      const eventIds = batch.map((m) => `evt_${m.messageId}`);
      const effects = async (db: PlatformDb) => ({
        index: await db.select().from(violationIndex).where(inArray(violationIndex.violationId, ids)).orderBy(asc(violationIndex.violationId)),
        // In the order written (seq); compared without the random ID and the sequence number itself.
        deliveries: (await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.eventId, eventIds)).orderBy(asc(webhookDeliveries.seq))).map(
          ({ id: _id, seq: _seq, ...rest }) => rest,
        ),
      });
      /** The effects of `apply` inside a transaction that is then rolled back. */
      const dryRun = async (apply: (tx: PlatformDb) => Promise<void>) => {
        let seen: Awaited<ReturnType<typeof effects>> | undefined;
        await t.database.db
          .transaction(async (tx) => {
            await apply(tx);
            seen = await effects(tx);
            throw new Error("roll back");
          })
          .catch((err: Error) => expect(err.message).toBe("roll back"));
        return seen!;
      };
      const deps = t.platform.deps;
      const oneByOne = await dryRun(async (tx) => {
        for (const m of batch) await homeMessageHandlers(deps)["violation.recorded"]!(tx, m);
      });
      const batched = await dryRun((tx) => homeBatchHandlers(deps)["violation.recorded"]!(tx, batch));
      expect(batched).toEqual(oneByOne);
      // It tests something: every violation is indexed, the corrected one keeps its status, and the fleet cars'
      // partners get a delivery each (the lease only where the violation falls in it).
      expect(oneByOne.index).toHaveLength(5);
      expect(oneByOne.index.find((r) => r.violationId === corrected.msg.payload.violationId)).toMatchObject({ status: "HANDLED_UNPAID", facts: { location: "重庆市解放碑" } });
      expect(oneByOne.deliveries.map((d) => [d.violationId, d.partnerId])).toEqual([
        [ids[0], partner.id],
        [ids[1], partner.id],
        [ids[2], other.id],
        [ids[4], partner.id],
      ]);
      expect((oneByOne.deliveries[0]!.payload as WebhookEvent).data).toMatchObject({ lease: { id: leaseId } });
      expect((oneByOne.deliveries[1]!.payload as WebhookEvent).data).toMatchObject({ lease: null });
      // Through the route (one transaction, the batch handler): the same rows, committed.
      const res = await post<{ results: { outcome: string }[] }>(t, "/internal/messages", { messages: batch });
      expect(res.json.results.map((r) => r.outcome)).toEqual(batch.map(() => "applied"));
      expect(await effects(t.database.db)).toEqual(oneByOne);
      expect(await deliveries(partner, { endpointId: hook.endpoint.id, eventId: eventIds[0] })).toHaveLength(1);
    });

    it("the outbox is written atomically with its cause: a rolled-back transaction leaves no delivery", async () => {
      await register(partner, ["VIOLATION_RECORDED"]);
      const { msg } = await record(car.plate);
      const db = t.database.db;
      const again = { ...msg, messageId: randomUUID() };
      const written = await db
        .transaction(async (tx) => {
          const n = await enqueueWebhookEvents(tx, again, t.clock.now());
          expect(n).toBeGreaterThan(0);
          throw new Error("the cause fails after the deliveries were written");
        })
        .catch((err: Error) => err.message);
      expect(written).toMatch(/cause fails/);
      const [row] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.eventId, `evt_${again.messageId}`));
      expect(row!.n).toBe(0);
    });

    it.skipIf(engine.name === "pglite")(
      "two relays at once (PostgreSQL only; PGlite's single connection serializes) never send one delivery twice: claims skip locked rows",
      async () => {
        await register(partner, ["VIOLATION_RECORDED"]);
        const events = [];
        for (let i = 0; i < 8; i += 1) events.push((await record(car.plate, `2024-06-06T1${i}:00:00+08:00`)).eventId);
        const second = new WebhookRelay({ db: t.database.db, clock: t.clock, codeSecret: t.platform.deps.citizen.codeSecret, batchSize: 3 });
        const before = receiver.received.length;
        const sentSoFar = () => receiver.received.slice(before).map((r) => r.headers["x-jg-event-id"]);
        try {
          // Both relays drain side by side until every event arrived (a slow round on a loaded machine
          // only adds rounds; it cannot make a claim overlap).
          for (let round = 0; round < 20 && !events.every((e) => sentSoFar().includes(e)); round += 1) {
            await Promise.all([relay.drainOnce(), second.drainOnce()]);
          }
        } finally {
          await second.stop();
        }
        const sent = sentSoFar();
        // Never one delivery twice (fails without FOR UPDATE SKIP LOCKED in the claim), and every one of
        // these sent (a delivery an earlier test of this suite left pending may go out too, once).
        expect(sent.length).toBe(new Set(sent).size);
        expect(sent).toEqual(expect.arrayContaining(events));
      },
    );

    it("the signing secret is not stored in clear", async () => {
      const hook = await register(partner, ["VIOLATION_PAID"]);
      const [row] = await t.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.endpoint.id));
      expect(JSON.stringify(row)).not.toContain(hook.signingSecret.slice(6));
    });

    it("R-ELG-7 decision: a partner reads its fleet's violations with the lease each falls in; not another partner's", async () => {
      const { req } = await record(car.plate);
      const fleet = (await gql<{ partnerFleet: { plate: string; violations: { violationId: string; status: string; lease: { id: string; lessee: { idNumber: string } } | null }[] }[] }>(t, as(partner), FLEET)).data!.partnerFleet;
      const mine = fleet.find((v) => v.plate === car.plate)!;
      expect(mine.violations.find((v) => v.violationId === req.violation.id)).toMatchObject({ status: "UNHANDLED", lease: { id: leaseId, lessee: { idNumber: lessee } } });
      const theirs = (await gql<{ partnerFleet: { plate: string; violations: { violationId: string }[] }[] }>(t, as(other), FLEET)).data!.partnerFleet;
      expect(theirs.flatMap((v) => v.violations.map((x) => x.violationId))).not.toContain(req.violation.id);
    });
  });
}

describe("the platform's own webhook relay", () => {
  it("starts with the platform and delivers a recorded violation of a fleet car without being driven", async () => {
    const engine = testEngines()[0]!;
    const t = await startTestPlatform(engine, "2024-06-01T10:00:00+08:00", { webhooks: { pollIntervalMs: 20 } });
    const receiver = new TestReceiver();
    await receiver.up();
    try {
      const p = await seedPartner(t.database.db, { companyName: "租车丙", creditCode: "91500000MA5UW0003C", apiKey: "hook-kc" });
      const car = await companyCar(t.database.db, p.creditCode, { useNature: "G" });
      const who = { kind: "PARTNER" as const, partnerId: p.id, companyId: p.creditCode };
      const res = await gql<{ registerWebhookEndpoint: Registered }>(t, who, REGISTER, { input: { url: receiver.url, events: ["VIOLATION_RECORDED"], idempotencyKey: key() } });
      receiver.secrets.push(res.data!.registerWebhookEndpoint.signingSecret);
      const msg = message("violation.recorded", recordedOf(authorizeRequest(randomUUID(), { plate: car.plate })));
      const nudge = vi.spyOn(t.platform.webhooks!, "nudge");
      await deliver(t, msg);
      expect(nudge).toHaveBeenCalled(); // the inbox wakes the idle relay (issue 12)
      await vi.waitFor(() => expect(receiver.processed.has(`evt_${msg.messageId}`)).toBe(true), { timeout: 10_000, interval: 50 });
      expect(receiver.received.every((r) => r.verified)).toBe(true);
    } finally {
      await receiver.down();
      await t.close();
      await engine.cleanup();
    }
  });
});
