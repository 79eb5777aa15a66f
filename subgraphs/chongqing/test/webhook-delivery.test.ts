/**
 * Partners' signed webhook deliveries (issue 18) with a real HTTP receiver on loopback: delivered with the
 * lease (R-ELG-7), retries with backoff after 500s and while the receiver is down, FAILED and replay,
 * deduplication by event ID at the receiver, the verification helper refusing tampered and stale deliveries.
 */
import { randomUUID } from "node:crypto";
import { testEngines } from "@jg/service-kit/testing";
import { SIGNATURE_HEADER, verifyWebhook, WebhookSignatureError, type WebhookEvent } from "@jg/webhooks";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type PartnerRow, type VehicleRow } from "../src/db/schema";
import type { WebhookRelay } from "../src/webhooks/relay";
import { deliver, gql, message, type TestPlatform } from "./flow";
import { webhookWorld, codeOf, REPLAY } from "./webhook-world";

for (const engine of testEngines()) {
  describe(`partner webhook deliveries on ${engine.name}`, () => {
    const w = webhookWorld(engine);
    const { receiver, lessee, as, register, record, deliveries, retryLater } = w;
    let t: TestPlatform, relay: WebhookRelay, partner: PartnerRow, other: PartnerRow, car: VehicleRow, otherCar: VehicleRow, leaseId: string;
    beforeAll(() => ({ t, relay, partner, other, car, otherCar, leaseId } = w.state()));

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

    it("settles a batch in one transaction of two statements (the attempts, the deliveries), each delivery with its own outcome", async () => {
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      for (let i = 0; i < 3; i++) await record(car.plate);
      receiver.script = [500];
      const { queries } = t.database;
      queries.reset();
      queries.record();
      expect(await relay.drainOnce()).toEqual({ delivered: 2, failed: 1 });
      const settling = queries.recorded.filter((q) => /^insert into "webhook_attempts"|^update "webhook_deliveries"/i.test(q) && !/returning/i.test(q));
      expect(settling, settling.join("\n")).toHaveLength(2);
      const log = await deliveries(partner, { endpointId: hook.endpoint.id });
      expect(log.map((d) => [d.status, d.attempts, d.lastStatusCode, d.attemptLog.map((a) => a.statusCode)]).sort()).toEqual([
        ["DELIVERED", 1, 200, [200]],
        ["DELIVERED", 1, 200, [200]],
        ["PENDING", 1, 500, [500]],
      ]);
      await retryLater();
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
  });
}
