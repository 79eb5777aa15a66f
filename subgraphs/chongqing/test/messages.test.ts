/**
 * The home platform's inbox (docs/design.md §4): recorded → indexed under the vehicle; paid → the reservation
 * becomes applied points; reverted → released (R-PAY-1); every duplicate changes nothing.
 */
import { randomUUID } from "node:crypto";
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { inbox, receive, type HandoffMessage, type MessageHandler } from "@jg/handoff";
import { eq, inArray, sql } from "drizzle-orm";
import pino from "pino";
import type { PlatformSchema } from "../src/db/database";
import { homeMessageHandlers } from "../src/handoff/message-handlers";
import { violationIndex, webhookDeliveries } from "../src/db/schema";
import { seedPartner } from "../src/seed";
import { authorize, authorizeRequest, deliver, gql, message, paidOf, platformForSuite, post, recordedOf, release, revertedOf } from "./flow";
import { companyCar, driver, ownCar } from "./people";
import { key, REGISTER, type Registered } from "./webhook-world";

const cycleAt = new Date("2024-04-01T00:00:00+08:00");
const LICENCE = "{ me { licence { points reservedPoints states fullScoreCountInCycle asOf } } }";
type Licence = { points: number; reservedPoints: number; states: string[]; fullScoreCountInCycle: number; asOf: string };

for (const engine of testEngines()) {
  describe(`handoff messages on ${engine.name}`, () => {
    const t = platformForSuite(engine);
    const licenceOf = async (accountId: string): Promise<Licence> => {
      const res = await gql<{ me: { licence: Licence } }>(t, { kind: "CITIZEN", accountId }, LICENCE);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.me.licence;
    };

    it("recorded indexes the violation under its vehicle; a redelivered message changes nothing", async () => {
      const me = await driver(t.database.db, "记录");
      const car = await ownCar(t.database.db, me);
      const msg = message("violation.recorded", recordedOf(authorizeRequest(me.id, { plate: car.plate })));
      expect(await deliver(t, msg)).toBe("processed");
      expect(await deliver(t, msg)).toBe("duplicate");
      const rows = await t.database.db.select().from(violationIndex);
      expect(rows.filter((r) => r.violationId === msg.payload.violationId)).toHaveLength(1);
    });

    it("a recorded and a handled message for a vehicle without a partner's endpoint: one statement, inbox and index write (issue 12)", async () => {
      const me = await driver(t.database.db, "语句");
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate });
      await deliver(t, message("violation.recorded", recordedOf(authorizeRequest(me.id, { plate: car.plate })))); // prepared once
      // The platform's webhook relay polls in the background: its statements are not the message's.
      const ours = () => t.database.queries.recorded.filter((q) => !/webhook_deliveries|"outbox"/.test(q) || /violation_index/.test(q));
      for (const msg of [
        message("violation.recorded", recordedOf(req)),
        message("violation.handled", {
          violationId: req.violation.id,
          handlingId: req.handlingId,
          decisionNumber: "5001000000000009",
          accountId: req.accountId,
          handledAt: "2024-05-10T10:00:00+08:00",
          payBy: "2024-05-25T10:00:00+08:00",
          points: req.violation.points,
          fineYuan: req.violation.fineYuan,
        }),
      ]) {
        t.database.queries.reset();
        t.database.queries.record();
        expect(await deliver(t, msg)).toBe("processed");
        // The inbox row, the index write and the partner check in one statement, without a transaction
        // (homeInboxedHandlers): it was BEGIN, the inbox insert, the index write and COMMIT.
        const touched = ours().filter((q) => /inbox|violation_index|webhook_endpoints/.test(q));
        expect(touched).toHaveLength(1);
        expect(touched[0]).toMatch(/webhook_endpoints[\s\S]*inbox[\s\S]*violation_index/);
        expect(ours().filter((q) => /^\s*(begin|commit)/i.test(q))).toEqual([]);
        // Again: a duplicate, answered by the same one statement, changing nothing.
        t.database.queries.reset();
        t.database.queries.record();
        expect(await deliver(t, msg)).toBe("duplicate");
        expect(ours().filter((q) => /inbox|violation_index|webhook_endpoints/.test(q))).toHaveLength(1);
      }
      const [row] = await t.database.db.select().from(violationIndex).where(inArray(violationIndex.violationId, [req.violation.id]));
      expect(row?.status).toBe("HANDLED_UNPAID");
    });

    it("a recorded and a handled message about a partner's vehicle with an endpoint: the one statement declines, the transaction indexes it and writes the webhook deliveries (issue 12)", async () => {
      const db = t.database.db;
      const partner = await seedPartner(db, { companyName: "消息租车", creditCode: "91500000MA5MSGS01X", apiKey: "k-messages" });
      const car = await companyCar(db, partner.creditCode, { useNature: "G" });
      const registered = await gql<{ registerWebhookEndpoint: Registered }>(t, { kind: "PARTNER", partnerId: partner.id, companyId: partner.creditCode }, REGISTER, {
        input: { url: "http://127.0.0.1:9/hook", events: ["VIOLATION_RECORDED", "VIOLATION_HANDLED"], idempotencyKey: key() },
      });
      expect(registered.data?.registerWebhookEndpoint.endpoint.enabled).toBe(true);
      const req = authorizeRequest(randomUUID(), { plate: car.plate });
      const recorded = message("violation.recorded", recordedOf(req));
      const handled = message("violation.handled", {
        violationId: req.violation.id,
        handlingId: req.handlingId,
        decisionNumber: "5001000000000010",
        accountId: req.accountId,
        handledAt: "2024-06-02T10:00:00+08:00",
        payBy: "2024-06-17T10:00:00+08:00",
        points: req.violation.points,
        fineYuan: req.violation.fineYuan,
      });
      const deliveries = async () =>
        (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.violationId, req.violation.id))).map((d) => `${d.endpointId} ${d.eventType}`).sort();
      // Each alone in its request, as under load: written once, with its delivery, and a redelivery changes nothing.
      expect(await deliver(t, recorded)).toBe("processed");
      expect(await deliver(t, recorded)).toBe("duplicate");
      const [indexed] = await db.select().from(violationIndex).where(eq(violationIndex.violationId, req.violation.id));
      expect(indexed?.status).toBe("UNHANDLED");
      expect(await deliver(t, handled)).toBe("processed");
      expect(await deliver(t, handled)).toBe("duplicate");
      const [after] = await db.select().from(violationIndex).where(eq(violationIndex.violationId, req.violation.id));
      expect(after?.status).toBe("HANDLED_UNPAID");
      const endpoint = registered.data!.registerWebhookEndpoint.endpoint.id;
      expect(await deliveries()).toEqual([`${endpoint} violation.handled`, `${endpoint} violation.recorded`]);
    });

    it("the one-statement recorded and handled (built once, values as placeholders) write the inbox and index rows of the ordinary path", async () => {
      const me = await driver(t.database.db, "同行");
      const car = await ownCar(t.database.db, me);
      const db = t.database.db;
      const handlers = homeMessageHandlers({ clock: t.clock, log: pino({ level: "silent" }) });
      const ordinary = (m: HandoffMessage) => receive(db, m, handlers[m.type] as MessageHandler<PlatformSchema>, t.clock.now());
      const [a, b] = [1, 2].map(() => authorizeRequest(me.id, { plate: car.plate, occurredAt: "2024-05-03T10:00:00+08:00" }));
      const handled = (req: NonNullable<typeof a>) =>
        message("violation.handled", {
          violationId: req.violation.id,
          handlingId: req.handlingId,
          decisionNumber: "5001000000000010",
          accountId: req.accountId,
          handledAt: "2024-05-10T10:00:00+08:00",
          payBy: "2024-05-25T10:00:00+08:00",
          points: req.violation.points,
          fineYuan: req.violation.fineYuan,
        });
      const index = async (req: NonNullable<typeof a>) => {
        const [row] = await db.select().from(violationIndex).where(eq(violationIndex.violationId, req.violation.id));
        const { violationId: _id, facts, ...rest } = row!;
        const { violationId: _factsId, ...otherFacts } = facts as unknown as Record<string, unknown>;
        return { ...rest, facts: otherFacts };
      };
      const inboxRow = async (m: HandoffMessage) => {
        const [row] = await db.select().from(inbox).where(eq(inbox.messageId, m.messageId));
        const { messageId: _id, ...rest } = row!;
        return rest;
      };
      const recordedA = message("violation.recorded", recordedOf(a!));
      const recordedB = message("violation.recorded", recordedOf(b!));
      expect(await deliver(t, recordedA)).toBe("processed"); // alone: the one statement
      expect(await ordinary(recordedB)).toBe("processed");
      expect(await index(a!)).toEqual(await index(b!));
      expect(await inboxRow(recordedA)).toEqual(await inboxRow(recordedB));
      t.clock.advance(60_000);
      const [handledA, handledB] = [handled(a!), handled(b!)];
      expect(await deliver(t, handledA)).toBe("processed");
      expect(await ordinary(handledB)).toBe("processed");
      expect(await index(a!)).toEqual(await index(b!));
      expect((await index(a!)).status).toBe("HANDLED_UNPAID");
      expect(await inboxRow(handledA)).toEqual(await inboxRow(handledB));
      // A second recorded message for a violation (a corrected record) refreshes the facts, never the status, on both paths.
      t.clock.advance(60_000);
      const corrected = (req: NonNullable<typeof a>) => message("violation.recorded", { ...recordedOf(req), location: "成都市天府大道" });
      expect(await deliver(t, corrected(a!))).toBe("processed");
      expect(await ordinary(corrected(b!))).toBe("processed");
      expect(await index(a!)).toEqual(await index(b!));
      expect(await index(a!)).toMatchObject({ status: "HANDLED_UNPAID", facts: { location: "成都市天府大道" } });
    });

    it("R-OPS-1: a picked vehicle lists its violations awaiting handling from every province, filtered by the last status heard", async () => {
      const me = await driver(t.database.db, "多省");
      const car = await ownCar(t.database.db, me);
      const sichuan = authorizeRequest(me.id, { plate: car.plate, provinceCode: "51" });
      const guangdong = authorizeRequest(me.id, { plate: car.plate, provinceCode: "44", occurredAt: "2024-05-02T10:00:00+08:00" });
      await deliver(t, message("violation.recorded", recordedOf(sichuan)));
      await deliver(t, message("violation.recorded", recordedOf(guangdong), { provinceCode: "44" }));
      await deliver(
        t,
        message("violation.handled", {
          violationId: guangdong.violation.id,
          handlingId: guangdong.handlingId,
          decisionNumber: "4401101606121282",
          accountId: me.id,
          handledAt: t.clock.now().toISOString(),
          payBy: new Date(t.clock.now().getTime() + 7200_000).toISOString(),
          points: 3,
          fineYuan: 200,
        }, { provinceCode: "44" }),
      );
      const query = `query($plate: String!) { vehicle(plate: $plate) { all: violations { id } unhandled: violations(status: UNHANDLED) { id } } }`;
      const res = await gql<{ vehicle: { all: { id: string }[]; unhandled: { id: string }[] } }>(t, { kind: "CITIZEN", accountId: me.id }, query, { plate: car.plate });
      expect(res.data?.vehicle.all.map((v) => v.id)).toEqual([guangdong.violation.id, sichuan.violation.id]);
      expect(res.data?.vehicle.unhandled.map((v) => v.id)).toEqual([sichuan.violation.id]);
    });

    it("paid turns the reservation into applied points; a duplicate, or a second paid for the handling, changes nothing", async () => {
      const me = await driver(t.database.db, "缴款", { points: 2, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 3 });
      expect((await authorize(t, req)).approved).toBe(true);
      expect(await licenceOf(me.id)).toMatchObject({ points: 2, reservedPoints: 3 });
      const paid = message("violation.paid", paidOf(req, t.clock.now()));
      expect(await deliver(t, paid)).toBe("processed");
      expect(await licenceOf(me.id)).toMatchObject({ points: 5, reservedPoints: 0 });
      expect(await deliver(t, paid)).toBe("duplicate");
      expect(await deliver(t, message("violation.paid", { ...paidOf(req, t.clock.now()), paymentId: randomUUID() }))).toBe("processed");
      expect(await licenceOf(me.id)).toMatchObject({ points: 5, reservedPoints: 0 });
    });

    it("R-PAY-1: reverted releases the reservation; a late paid for that handling applies nothing", async () => {
      const me = await driver(t.database.db, "退回", { points: 4, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 6 });
      expect((await authorize(t, req)).approved).toBe(true);
      t.clock.advance(2 * 3600_000);
      const reverted = message("violation.reverted", revertedOf(req, t.clock.now()));
      expect(await deliver(t, reverted)).toBe("processed");
      expect(await deliver(t, reverted)).toBe("duplicate");
      expect(await licenceOf(me.id)).toMatchObject({ points: 4, reservedPoints: 0 });
      await deliver(t, message("violation.paid", paidOf(req, t.clock.now())));
      expect(await licenceOf(me.id)).toMatchObject({ points: 4, reservedPoints: 0 });
    });

    it("release (province rollback) is idempotent, and releasing an unknown handling succeeds", async () => {
      const me = await driver(t.database.db, "回滚", { points: 1, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 3 });
      await authorize(t, req);
      expect(await release(t, req)).toBe("settled");
      expect(await release(t, req)).toBe("already-settled");
      expect(await release(t, req, randomUUID())).toBe("voided");
      expect(await licenceOf(me.id)).toMatchObject({ points: 1, reservedPoints: 0 });
    });

    it("记分办法 §17: a payment that brings the cycle to 12 adds state B and counts one full score (R-ELG-5)", async () => {
      const me = await driver(t.database.db, "满分", { points: 9, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      // 9 + 3 would reach 12, which R-ELG-6 refuses on the platform; the reservation comes from another
      // channel's handling here, seeded as a 2-point one and paid after 1 more point was applied.
      const req = authorizeRequest(me.id, { plate: car.plate, points: 2 });
      expect((await authorize(t, req)).approved).toBe(true);
      const { seedPoints } = await import("../src/seed");
      await seedPoints(t.database.db, { licenceNumber: me.idNumber, points: 1, at: t.clock.now() });
      const before = await licenceOf(me.id);
      expect(before).toMatchObject({ points: 10, reservedPoints: 2, states: ["A"], fullScoreCountInCycle: 0 });
      await deliver(t, message("violation.paid", paidOf(req, t.clock.now())));
      const after = await licenceOf(me.id);
      expect(after).toMatchObject({ points: 12, reservedPoints: 0, states: ["B"], fullScoreCountInCycle: 1 });
    });

    it("a batch of messages is applied in one request and answered per message: applied, duplicate, failed (issue 18)", async () => {
      const me = await driver(t.database.db, "批量", { points: 1, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 3 });
      expect((await authorize(t, req)).approved).toBe(true);
      const recorded = message("violation.recorded", recordedOf(req));
      const other = message("violation.recorded", recordedOf(authorizeRequest(me.id, { plate: car.plate, occurredAt: "2024-05-03T10:00:00+08:00" })));
      const paid = message("violation.paid", paidOf(req, t.clock.now()));
      // Signed by province 51's shard: a message about a Guangdong violation is refused alone (issue 10 §5).
      const foreign = message("violation.recorded", recordedOf(authorizeRequest(me.id, { plate: car.plate, provinceCode: "44" })), { provinceCode: "44" });
      const res = await post<{ results: { messageId: string; outcome: string; error?: string }[] }>(t, "/internal/messages", {
        messages: [recorded, other, recorded, paid, foreign],
      });
      expect(res.status).toBe(200);
      expect(res.json.results).toEqual([
        { messageId: recorded.messageId, outcome: "applied" },
        { messageId: other.messageId, outcome: "applied" },
        { messageId: recorded.messageId, outcome: "duplicate" },
        { messageId: paid.messageId, outcome: "applied" },
        { messageId: foreign.messageId, outcome: "failed", error: "SENDER_NOT_PROVINCE_OF_VIOLATION" },
      ]);
      const rows = await t.database.db.select().from(violationIndex);
      expect(rows.filter((r) => [recorded.payload.violationId, other.payload.violationId].includes(r.violationId))).toHaveLength(2);
      expect(rows.some((r) => r.violationId === foreign.payload.violationId)).toBe(false);
      expect(await licenceOf(me.id)).toMatchObject({ points: 4, reservedPoints: 0 });
      // Across batches and forms: the same messages again are duplicates and change nothing.
      const again = await post<{ results: { outcome: string }[] }>(t, "/internal/messages", { messages: [paid, other] });
      expect(again.json.results.map((r) => r.outcome)).toEqual(["duplicate", "duplicate"]);
      expect(await deliver(t, recorded)).toBe("duplicate");
      expect(await licenceOf(me.id)).toMatchObject({ points: 4, reservedPoints: 0 });
    });

    it("issue 18 follow-up: a recorded message that fails inside a batch is answered failed alone; the others are indexed, and it applies once retried", async () => {
      const me = await driver(t.database.db, "批索");
      const car = await ownCar(t.database.db, me);
      const batch = ["2024-05-04T10:00:00+08:00", "2024-05-05T10:00:00+08:00", "2024-05-06T10:00:00+08:00"].map((occurredAt) =>
        message("violation.recorded", recordedOf(authorizeRequest(me.id, { plate: car.plate, occurredAt }))),
      );
      const bad = batch[1]!;
      const ids = batch.map((m) => m.payload.violationId);
      const db = t.database.db;
      // The database refuses the middle violation, so the batch's one multi-row insert fails as a whole.
      await db.execute(
        sql.raw(`CREATE FUNCTION refuse_test_violation() RETURNS trigger AS $$ BEGIN
          IF NEW.violation_id = '${bad.payload.violationId}' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`),
      );
      await db.execute(sql.raw("CREATE TRIGGER refuse_test_violation BEFORE INSERT ON violation_index FOR EACH ROW EXECUTE FUNCTION refuse_test_violation()"));
      try {
        const res = await post<{ results: { messageId: string; outcome: string; error?: string }[] }>(t, "/internal/messages", { messages: batch });
        expect(res.status).toBe(200);
        expect(res.json.results).toEqual([
          { messageId: batch[0]!.messageId, outcome: "applied" },
          { messageId: bad.messageId, outcome: "failed", error: "HANDLER_FAILED: handler failed" },
          { messageId: batch[2]!.messageId, outcome: "applied" },
        ]);
        const indexed = await db.select().from(violationIndex).where(inArray(violationIndex.violationId, ids));
        expect(indexed.map((r) => r.violationId).sort()).toEqual([ids[0], ids[2]].sort());
        const received = await db.select().from(inbox).where(inArray(inbox.messageId, batch.map((m) => m.messageId)));
        expect(received.map((r) => r.messageId).sort()).toEqual([batch[0]!.messageId, batch[2]!.messageId].sort());
      } finally {
        await db.execute(sql.raw("DROP TRIGGER refuse_test_violation ON violation_index"));
        await db.execute(sql.raw("DROP FUNCTION refuse_test_violation()"));
      }
      const retried = await post<{ results: { outcome: string }[] }>(t, "/internal/messages", { messages: batch });
      expect(retried.json.results.map((r) => r.outcome)).toEqual(["duplicate", "applied", "duplicate"]);
      expect(await db.select().from(violationIndex).where(inArray(violationIndex.violationId, ids))).toHaveLength(3);
    });

    it("refuses a message without a valid service token and leaves the inbox untouched", async () => {
      const me = await driver(t.database.db, "伪造");
      const car = await ownCar(t.database.db, me);
      const msg = message("violation.recorded", recordedOf(authorizeRequest(me.id, { plate: car.plate })));
      const res = await fetch(`${t.url}/internal/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer nope" },
        body: JSON.stringify(msg),
      });
      expect(res.status).toBe(401);
      expect(await deliver(t, msg)).toBe("processed");
    });
  });
}
