import { postgresEngine, testEngines, whileTableLocked } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handlings, payments } from "../src/db/schema";
import { seedViolations } from "../src/seed";
import { errorCode, handleViolation, payFine, violation } from "./flow";
import { bank, citizen, otherCitizen, shardForSuite, START, startTestShard, type TestShard, statementShape } from "./harness";

let n = 0;
/** A fresh camera violation, handled by `citizen` at the clock's now. */
async function handled(t: TestShard): Promise<string> {
  n += 1;
  const at = new Date(t.clock.now().getTime() - 3600_000);
  const [row] = await seedViolations(t.shard.db, "51", { count: 1, occurredAt: at, recordedAt: at, plate: () => `渝D${String(n).padStart(5, "0")}` });
  const res = await handleViolation(t, citizen, row!.id, true, `h-${row!.id}`);
  expect(res.data!.handleViolation.ok).toBe(true);
  return row!.id;
}

for (const engine of testEngines()) {
  describe(`payFine on ${engine.name}`, () => {
    const t = shardForSuite(engine);

    it("pays exactly the fine, no fee (R-FEE-1), and the violation becomes PAID", async () => {
      const id = await handled(t);
      const res = (await payFine(t, citizen, id, "WECHAT", "p-1")).data!.payFine;
      expect(res).toMatchObject({ ok: true, replayed: false, payment: { channel: "WECHAT", amountYuan: 100, paidAt: START } });
      expect(res.violation).toMatchObject({ status: "PAID", fineYuan: 100, handling: { payment: { amountYuan: 100 } } });
    });

    it("pays in six SQL statements and answers with the committed rows, not read again (issue 12)", async () => {
      const id = await handled(t);
      t.shard.database.queries.reset();
      t.shard.database.queries.record();
      const res = (await payFine(t, citizen, id, "APP", "p-statements")).data!.payFine;
      // The violation with its handling and the key's stored answer; the handling's and the violation's
      // flips, the payment, the stored answer, the outbox message. The answer's violation, handling and
      // payment are the rows these returned.
      expect(t.shard.database.queries.recorded.map(statementShape)).toEqual([
        "select idempotency violations handlings",
        "update handlings",
        "update violations",
        "insert payments",
        "insert idempotency",
        "insert outbox outbox", // the message; its subquery reads earlier undelivered rows of the violation (claim on enqueue)
      ]);
      expect(res).toMatchObject({ ok: true, violation: { id, status: "PAID" }, payment: { channel: "APP", amountYuan: 100 } });
      expect((await violation(t, citizen, id)).data!.violation).toMatchObject({ status: "PAID", handling: { payment: res.payment } });
    });

    it("answers a repeated call with the same key with the first answer and one payment row", async () => {
      const id = await handled(t);
      const first = (await payFine(t, citizen, id, "APP", "p-repeat")).data!.payFine;
      t.clock.advance(60_000);
      const second = (await payFine(t, citizen, id, "APP", "p-repeat")).data!.payFine;
      t.clock.set(START);
      expect(second).toMatchObject({ ok: true, replayed: true, payment: first.payment });
      expect(await t.shard.db.select().from(payments).where(eq(payments.violationId, id))).toHaveLength(1);
    });

    it("refuses a second payment through another channel (R-DUP-1)", async () => {
      const id = await handled(t);
      await payFine(t, citizen, id, "APP", "p-dup-1");
      const again = (await payFine(t, bank, id, "BANK_COUNTER", "p-dup-2")).data!.payFine;
      expect(again.denials.map((d) => [d.code, d.ruleId])).toEqual([["ALREADY_PAID", "R-DUP-1"]]);
    });

    it("refuses after payBy (2 h + 1 s) even before the sweeper ran, and the answer and every read agree: unhandled (R-PAY-1, issue #10 §6)", async () => {
      const id = await handled(t);
      t.clock.advance(2 * 3600_000 + 1000);
      try {
        // Before anyone pays, reads already show the record back to unhandled.
        const before = (await violation(t, citizen, id)).data!.violation!;
        expect([before.status, before.handling]).toEqual(["UNHANDLED", null]);
        const res = (await payFine(t, citizen, id, "APP", "p-late")).data!.payFine;
        expect(res.denials.map((d) => [d.code, d.ruleId])).toEqual([["PAYMENT_DEADLINE_PASSED", "R-PAY-1"]]);
        expect([res.violation!.status, res.violation!.handling]).toEqual(["UNHANDLED", null]);
        const after = (await violation(t, bank, id)).data!.violation!;
        expect([after.status, after.handling]).toEqual(["UNHANDLED", null]);
        // The refusal made it true in the database at once (the sweeper finds nothing left to do).
        const [row] = await t.shard.db.select().from(handlings).where(eq(handlings.violationId, id));
        expect(row!.state).toBe("REVERTED");
        expect(await t.shard.sweeper.sweepOnce()).toBe(0);
      } finally {
        t.clock.set(START);
      }
    });

    it("handles again a record whose deadline passed before the sweeper ran, instead of calling it handled (R-PAY-1, issue #10 §6)", async () => {
      const id = await handled(t);
      t.clock.advance(2 * 3600_000 + 1000);
      try {
        const again = (await handleViolation(t, citizen, id, true, `h-again-${id}`)).data!.handleViolation;
        expect(again.denials).toEqual([]);
        expect(again.ok).toBe(true);
        expect(again.violation!.status).toBe("HANDLED_UNPAID");
        const states = (await t.shard.db.select().from(handlings).where(eq(handlings.violationId, id))).map((h) => h.state).sort();
        expect(states).toEqual(["ACTIVE", "REVERTED"]);
      } finally {
        t.clock.set(START);
      }
    });

    it("accepts a payment at exactly payBy (the deadline includes its last instant)", async () => {
      const id = await handled(t);
      t.clock.advance(2 * 3600_000);
      try {
        expect((await payFine(t, citizen, id, "APP", "p-edge")).data!.payFine.ok).toBe(true);
      } finally {
        t.clock.set(START);
      }
    });

    it("refuses in the maintenance window at 22:30 CST (R-MNT-1)", async () => {
      t.clock.set("2026-03-10T13:00:00.000Z"); // 21:00 CST: handling still open
      try {
        const id = await handled(t);
        t.clock.set("2026-03-10T14:30:00.000Z");
        const res = (await payFine(t, citizen, id, "APP", "p-window")).data!.payFine;
        expect(res.denials.map((d) => d.code)).toEqual(["MAINTENANCE_WINDOW"]);
      } finally {
        t.clock.set(START);
      }
    });

    it("refuses an unhandled violation (R-OPS-2) and another citizen's handling; a bank may pay it", async () => {
      const at = new Date(t.clock.now().getTime() - 3600_000);
      const [fresh] = await seedViolations(t.shard.db, "51", { count: 1, occurredAt: at, recordedAt: at });
      const res = (await payFine(t, citizen, fresh!.id, "APP", "p-unhandled")).data!.payFine;
      expect(res.denials.map((d) => [d.code, d.ruleId])).toEqual([["NOT_YET_HANDLED", "R-OPS-2"]]);
      const id = await handled(t);
      expect(errorCode(await payFine(t, otherCitizen, id, "APP", "p-other"))).toBe("FORBIDDEN");
      expect((await payFine(t, bank, id, "BANK_COUNTER", "p-bank")).data!.payFine.ok).toBe(true);
    });
  });
}

const pg = postgresEngine();
const parallelTitle = pg
  ? "payFine under parallel channels on PostgreSQL"
  : "payFine under parallel channels (skipped: needs TEST_DATABASE_URL; PGlite has one connection, so no two transactions truly overlap)";
(pg ? describe : describe.skip)(parallelTitle, () => {
  let t: TestShard;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = (await pg!.create())!;
    t = await startTestShard({ databaseUrl });
  });
  afterAll(async () => {
    await t?.close();
    await pg?.cleanup();
  });

  it("records exactly one payment when six channels pay at once (R-DUP-1)", async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await handled(t);
      const channels = ["APP", "WEB", "WECHAT", "ALIPAY", "KIOSK"] as const;
      // Every payment has read the violation as payable and stands in its transaction (one at the
      // payments insert, five at the handling's row) before any commits: only the conditional update
      // of the handling (state = ACTIVE) keeps a second one out (tried without it, issue 15).
      const answers = await whileTableLocked(databaseUrl, { table: "payments", waiting: 6 }, () =>
        Promise.all([
          ...channels.map((c) => payFine(t, citizen, id, c, `par-${round}-${c}`)),
          payFine(t, bank, id, "BANK_COUNTER", `par-${round}-bank`),
        ]),
      );
      const results = answers.map((a) => a.data!.payFine);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => r.denials[0]!.code === "ALREADY_PAID")).toBe(true);
      expect(await t.shard.db.select().from(payments).where(eq(payments.violationId, id))).toHaveLength(1);
    }
  });
});
