/**
 * Webhook endpoints over time (issue 18): secret rotation with a grace period, disabling and enabling,
 * batched handoff messages writing the same deliveries, the outbox written atomically with its cause,
 * and two relays at once never sending one delivery twice.
 */
import { randomUUID } from "node:crypto";
import { testEngines } from "@jg/service-kit/testing";
import { SIGNATURE_HEADER, verifyWebhook, WebhookSignatureError, type WebhookEvent } from "@jg/webhooks";
import { asc, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlatformDb } from "../src/db/database";
import { violationIndex, webhookDeliveries, type PartnerRow, type VehicleRow } from "../src/db/schema";
import { homeBatchHandlers, homeMessageHandlers } from "../src/handoff/message-handlers";
import { enqueueWebhookEvents } from "../src/webhooks/events";
import { WebhookRelay } from "../src/webhooks/relay";
import { authorizeRequest, deliver, gql, message, post, recordedOf, type TestPlatform } from "./flow";
import { companyCar } from "./people";
import { webhookWorld, ENABLE, ROTATE, key } from "./webhook-world";

for (const engine of testEngines()) {
  describe(`partner webhooks over time on ${engine.name}`, () => {
    const w = webhookWorld(engine);
    const { receiver, as, register, record, deliveries, retryLater } = w;
    let t: TestPlatform, relay: WebhookRelay, partner: PartnerRow, other: PartnerRow, car: VehicleRow, otherCar: VehicleRow, leaseId: string;
    beforeAll(() => ({ t, relay, partner, other, car, otherCar, leaseId } = w.state()));

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
  });
}
