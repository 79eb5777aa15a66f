/**
 * The home platform's batch handlers for "handled", "paid" and "reverted" (issue 18 follow-up): a run of
 * them in one batch writes the same index rows, ledger rows and webhook deliveries as the per-message
 * handlers one by one, and a message that fails inside a batch is answered failed alone.
 */
import { randomUUID } from "node:crypto";
import type { HandoffMessage } from "@jg/handoff";
import { inbox } from "@jg/handoff";
import { testEngines } from "@jg/service-kit/testing";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { PlatformDb } from "../src/db/database";
import { pointsLedger, violationIndex, webhookDeliveries } from "../src/db/schema";
import { homeBatchHandlers, homeMessageHandlers } from "../src/handoff/message-handlers";
import { seedPartner } from "../src/seed";
import { registerEndpoint } from "../src/webhooks/endpoint.service";
import { authorize, authorizeRequest, deliver, message, paidOf, platformForSuite, post, recordedOf, revertedOf, type TestPlatform } from "./flow";
import { companyCar, driver, ownCar } from "./people";
import type { AccountRow } from "../src/db/schema";

const cycleAt = new Date("2024-04-01T00:00:00+08:00");
type Results = { results: { messageId: string; outcome: string; error?: string }[] };

/** Four authorized, recorded violations of `me` (2 points each, so all four fit under 12), on one car. */
async function fourViolations(t: TestPlatform, me: AccountRow, plate: string) {
  const reqs = [1, 2, 3, 4].map((d) => authorizeRequest(me.id, { plate, points: 2, occurredAt: `2024-05-0${d}T10:00:00+08:00` }));
  for (const req of reqs) {
    expect((await authorize(t, req)).approved).toBe(true);
    expect(await deliver(t, message("violation.recorded", recordedOf(req)))).toBe("processed");
  }
  return reqs;
}

const handledOf = (req: ReturnType<typeof authorizeRequest>) =>
  message("violation.handled", {
    violationId: req.violation.id,
    handlingId: req.handlingId,
    decisionNumber: "5001000000000003",
    accountId: req.accountId,
    handledAt: "2024-05-10T10:00:00+08:00",
    payBy: "2024-05-25T10:00:00+08:00",
    points: req.violation.points,
    fineYuan: req.violation.fineYuan,
  });

for (const engine of testEngines()) {
  describe(`batch handlers for handled, paid and reverted on ${engine.name}`, () => {
    const t = platformForSuite(engine);

    const effects = async (db: PlatformDb, ids: string[]) => ({
      index: (await db.select().from(violationIndex).where(inArray(violationIndex.violationId, ids)).orderBy(asc(violationIndex.violationId))).map(
        ({ violationId, status, syncedAt }) => ({ violationId, status, syncedAt }),
      ),
      ledger: (await db.select().from(pointsLedger).where(inArray(pointsLedger.violationId, ids)).orderBy(asc(pointsLedger.violationId), asc(pointsLedger.kind))).map(
        ({ id: _id, ...rest }) => rest,
      ),
      deliveries: (await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.violationId, ids)).orderBy(asc(webhookDeliveries.seq))).map(
        ({ id: _id, seq: _seq, ...rest }) => rest,
      ),
    });

    /** The effects of `apply` inside a transaction that is then rolled back. */
    const dryRun = async (ids: string[], apply: (tx: PlatformDb) => Promise<void>) => {
      let seen: Awaited<ReturnType<typeof effects>> | undefined;
      await t.database.db
        .transaction(async (tx) => {
          await apply(tx);
          seen = await effects(tx, ids);
          throw new Error("roll back");
        })
        .catch((err: Error) => expect(err.message).toBe("roll back"));
      return seen!;
    };

    it("a run of handled, of paid and of reverted messages writes the same rows batched as one by one, and the route commits them", async () => {
      const partner = await seedPartner(t.database.db, { companyName: "批处理租车", creditCode: "91500000MA5UW0031C", apiKey: "batch-settle-k" });
      const me = await driver(t.database.db, "批结", { points: 1, pointsAt: cycleAt });
      const fleet = await companyCar(t.database.db, partner.creditCode, { useNature: "G" });
      const mine = await ownCar(t.database.db, me);
      const reqs = await fourViolations(t, me, mine.plate);
      // A fleet car's violation too, so the webhook outbox is part of what is compared.
      const fleetReq = authorizeRequest(me.id, { plate: fleet.plate, occurredAt: "2024-05-05T10:00:00+08:00" });
      // Not authorized: its "paid" finds no reservation (logged), and only its status changes.
      expect(await deliver(t, message("violation.recorded", recordedOf(fleetReq)))).toBe("processed");
      await registerEndpoint(
        t.platform.deps,
        partner,
        { url: "http://127.0.0.1:9/hook", events: ["violation.handled", "violation.paid", "violation.reverted"], description: null, idempotencyKey: randomUUID() },
        t.clock.now(),
      );
      const [a, b, c, d] = reqs as [typeof fleetReq, typeof fleetReq, typeof fleetReq, typeof fleetReq];
      const paidAt = t.clock.now();
      const runs: [keyof ReturnType<typeof homeBatchHandlers>, HandoffMessage[]][] = [
        ["violation.handled", [handledOf(a), handledOf(b), handledOf(fleetReq)]],
        ["violation.paid", [message("violation.paid", paidOf(a, paidAt)), message("violation.paid", paidOf(b, paidAt)), message("violation.paid", paidOf(fleetReq, paidAt))]],
        ["violation.reverted", [message("violation.reverted", revertedOf(c, paidAt)), message("violation.reverted", revertedOf(d, paidAt))]],
      ];
      const ids = [...reqs, fleetReq].map((r) => r.violation.id);
      const deps = t.platform.deps;
      const oneByOne = await dryRun(ids, async (tx) => {
        for (const [type, messages] of runs) for (const m of messages) await homeMessageHandlers(deps)[type]!(tx, m as never);
      });
      const batched = await dryRun(ids, async (tx) => {
        for (const [type, messages] of runs) await homeBatchHandlers(deps)[type]!(tx, messages as never);
      });
      expect(batched).toEqual(oneByOne);
      // It tests something: a and b and the fleet car's are paid (points applied), c and d reverted (released).
      expect(oneByOne.index.map((r) => r.status).sort()).toEqual(["PAID", "PAID", "PAID", "UNHANDLED", "UNHANDLED"]);
      expect(oneByOne.ledger.filter((r) => r.kind === "APPLIED")).toHaveLength(2);
      expect(oneByOne.deliveries.map((r) => r.eventType)).toEqual(["violation.handled", "violation.paid"]);
      expect(oneByOne.ledger.filter((r) => r.kind === "RELEASED")).toHaveLength(2);
      // Through the route: one batch, three runs, the same rows committed.
      const all = runs.flatMap(([, messages]) => messages);
      const res = await post<Results>(t, "/internal/messages", { messages: all });
      expect(res.json.results.map((r) => r.outcome)).toEqual(all.map(() => "applied"));
      const committed = await effects(t.database.db, ids);
      expect(committed.ledger).toEqual(oneByOne.ledger.map((r) => ({ ...r, recordedAt: expect.any(Date) })));
      expect(committed.index.map((r) => r.status)).toEqual(oneByOne.index.map((r) => r.status));
      expect(committed.deliveries.map((r) => [r.eventType, r.violationId])).toEqual(oneByOne.deliveries.map((r) => [r.eventType, r.violationId]));
    });

    it("a paid message that fails inside a batch is answered failed alone: its points stay reserved, the others' are applied, and it applies once retried", async () => {
      const me = await driver(t.database.db, "批败", { points: 0, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      const reqs = await fourViolations(t, me, car.plate);
      const batch = reqs.slice(0, 3).map((req) => message("violation.paid", paidOf(req, t.clock.now())));
      const bad = batch[1]!;
      const db = t.database.db;
      // The database refuses the middle violation's status update, so the batch's one update fails as a whole.
      await db.execute(
        sql.raw(`CREATE FUNCTION refuse_test_paid() RETURNS trigger AS $$ BEGIN
          IF NEW.violation_id = '${bad.payload.violationId}' AND NEW.status = 'PAID' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`),
      );
      await db.execute(sql.raw("CREATE TRIGGER refuse_test_paid BEFORE UPDATE ON violation_index FOR EACH ROW EXECUTE FUNCTION refuse_test_paid()"));
      try {
        const res = await post<Results>(t, "/internal/messages", { messages: batch });
        expect(res.status).toBe(200);
        expect(res.json.results).toEqual([
          { messageId: batch[0]!.messageId, outcome: "applied" },
          { messageId: bad.messageId, outcome: "failed", error: "HANDLER_FAILED: handler failed" },
          { messageId: batch[2]!.messageId, outcome: "applied" },
        ]);
        const applied = await db.select().from(pointsLedger).where(eq(pointsLedger.kind, "APPLIED"));
        const appliedIds = applied.map((r) => r.violationId);
        expect(appliedIds).toEqual(expect.arrayContaining([batch[0]!.payload.violationId, batch[2]!.payload.violationId]));
        expect(appliedIds).not.toContain(bad.payload.violationId);
        const received = await db.select().from(inbox).where(inArray(inbox.messageId, batch.map((m) => m.messageId)));
        expect(received.map((r) => r.messageId).sort()).toEqual([batch[0]!.messageId, batch[2]!.messageId].sort());
      } finally {
        await db.execute(sql.raw("DROP TRIGGER refuse_test_paid ON violation_index"));
        await db.execute(sql.raw("DROP FUNCTION refuse_test_paid()"));
      }
      const retried = await post<Results>(t, "/internal/messages", { messages: batch });
      expect(retried.json.results.map((r) => r.outcome)).toEqual(["duplicate", "applied", "duplicate"]);
      const rows = await db.select().from(violationIndex).where(inArray(violationIndex.violationId, batch.map((m) => m.payload.violationId)));
      expect(rows.map((r) => r.status)).toEqual(["PAID", "PAID", "PAID"]);
    });
  });
}
