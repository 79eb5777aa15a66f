import { testEngines } from "@jg/service-kit/testing";
import { rowsOf } from "@jg/service-kit";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handlings } from "../src/db/schema";
import { arrivals } from "./fake-home";
import { errorCode, handleViolation, province, violation, violationDocument } from "./flow";
import { citizen, officer51, shardForSuite, START, violationSeeder, statementShape } from "./harness";

for (const engine of testEngines()) {
  describe(`handleViolation on ${engine.name}`, () => {
    const t = shardForSuite(engine);
    const fresh = violationSeeder(t, "C");

    it("approves: HANDLED_UNPAID with a decision number and payBy = handled time + 2 h (R-PAY-1)", async () => {
      const id = await fresh();
      const res = (await handleViolation(t, citizen, id, true, "k-approve")).data!.handleViolation;
      expect(res).toMatchObject({ ok: true, replayed: false, denials: [] });
      expect(res.violation!.status).toBe("HANDLED_UNPAID");
      expect(res.handling!.decisionNumber).toMatch(/^510100\d{10}$/);
      expect(res.handling!.handledAt).toBe(START);
      expect(new Date(res.handling!.payBy).getTime() - new Date(START).getTime()).toBe(2 * 3600_000);
      expect(t.home.authorizeCalls.at(-1)).toMatchObject({ accountId: "acct-1", violation: { id, fineYuan: 100, points: 1 } });
      expect((await violation(t, officer51, id)).data!.violation!.handling!.decisionNumber).toBe(res.handling!.decisionNumber);
    });

    it("tells where to print the penalty decision document and who issues the receipt (R-DOC-1)", async () => {
      const id = await fresh();
      await handleViolation(t, citizen, id, true, "k-document");
      const doc = (await violationDocument(t, citizen, id)).data!.violation!.handling!.document;
      expect(doc.decisionNumber).toMatch(/^510100\d{10}$/);
      expect(doc.printAt).toContain("四川");
      expect(doc.printAt).toContain("违法处理窗口");
      // Sichuan's collecting bank is not in the sources: the answer must say it is assumed.
      expect(doc.receiptAssumed).toBe(true);
    });

    it("answers a repeated call with the same key with the same answer, without a second reservation", async () => {
      const id = await fresh();
      const first = (await handleViolation(t, citizen, id, true, "k-repeat")).data!.handleViolation;
      const calls = t.home.authorizeCalls.length;
      const second = (await handleViolation(t, citizen, id, true, "k-repeat")).data!.handleViolation;
      expect(second).toMatchObject({ ok: true, replayed: true, handling: first.handling });
      expect(t.home.authorizeCalls.length).toBe(calls);
      expect(await t.shard.db.select().from(handlings).where(eq(handlings.violationId, id))).toHaveLength(1);
      expect(errorCode(await handleViolation(t, citizen, id, false, "k-repeat"))).toBe("IDEMPOTENCY_KEY_REUSED");
    });

    it("commits a handling in five SQL statements and answers with the committed rows, not read again (issue 12)", async () => {
      const id = await fresh();
      await province(t, officer51, "51"); // the province's settings are then kept in memory
      t.shard.database.queries.reset();
      t.shard.database.queries.record();
      const res = (await handleViolation(t, citizen, id, true, "k-statements")).data!.handleViolation;
      // The violation with the key's stored answer; the flip, the handling (its decision number inside the
      // insert), the stored answer, the outbox message; then only what the answer's selection adds beyond
      // the committed rows: the handling's payment.
      expect(t.shard.database.queries.recorded.map(statementShape)).toEqual([
        "select idempotency violations",
        "update violations",
        "insert handlings",
        "insert idempotency",
        "insert outbox outbox", // the message; its subquery reads earlier undelivered rows of the violation (claim on enqueue)
        "select payments",
      ]);
      expect(res).toMatchObject({ ok: true, violation: { id, status: "HANDLED_UNPAID" } });
      expect((await violation(t, officer51, id)).data!.violation).toMatchObject({ status: "HANDLED_UNPAID", handling: res.handling });
    });

    it("refuses a key used for another violation, and a key of an approval asked about an unknown violation, as IDEMPOTENCY_KEY_REUSED", async () => {
      const id = await fresh();
      const other = await fresh();
      expect((await handleViolation(t, citizen, id, true, "k-other")).data!.handleViolation.ok).toBe(true);
      expect(errorCode(await handleViolation(t, citizen, other, true, "k-other"))).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(errorCode(await handleViolation(t, citizen, "5101009999999999", true, "k-other"))).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(errorCode(await handleViolation(t, citizen, "5101009999999999", true, "k-unknown"))).toBe("NOT_FOUND");
    });

    it("keeps every digit of a decision serial past ten digits (the serial is taken inside the insert)", async () => {
      const id = await fresh();
      const [serial] = rowsOf<{ last_value: string }>(await t.shard.db.execute(sql`select last_value from decision_serial`));
      await t.shard.db.execute(sql`select setval('decision_serial', 12345678900)`);
      try {
        const res = (await handleViolation(t, citizen, id, true, "k-serial")).data!.handleViolation;
        expect(res.handling!.decisionNumber).toBe("51010012345678901");
      } finally {
        await t.shard.db.execute(sql`select setval('decision_serial', ${Number(serial!.last_value)})`);
      }
    });

    it("refuses a second handling with another key (R-DUP-1) before asking the home platform", async () => {
      const id = await fresh();
      await handleViolation(t, citizen, id, true, "k-dup-1");
      const calls = t.home.authorizeCalls.length;
      const again = (await handleViolation(t, citizen, id, true, "k-dup-2", "en")).data!.handleViolation;
      expect(again.denials).toEqual([{ code: "ALREADY_HANDLED", ruleId: "R-DUP-1", message: expect.stringContaining("already been handled") }]);
      expect(t.home.authorizeCalls.length).toBe(calls);
    });

    it("lists every denial with its rule ID: fine over 200 and more than 6 points (R-ELG-1e), notice not accepted (R-OPS-2)", async () => {
      const id = await fresh({ code: "9011" });
      const res = (await handleViolation(t, citizen, id, false, "k-deny-fine")).data!.handleViolation;
      expect(res.ok).toBe(false);
      expect(res.denials.map((d) => [d.code, d.ruleId])).toEqual(
        expect.arrayContaining([["FINE_OVER_200", "R-ELG-1e"], ["NOTICE_NOT_ACCEPTED", "R-OPS-2"]]),
      );
      expect(res.violation!.status).toBe("UNHANDLED");
    });

    it("refuses an on-site violation (R-ELG-1f)", async () => {
      const id = await fresh({ source: "ON_SITE" });
      const res = (await handleViolation(t, citizen, id, true, "k-onsite")).data!.handleViolation;
      expect(res.denials.map((d) => [d.code, d.ruleId])).toEqual([["NOT_CAMERA_RECORDED", "R-ELG-1f"]]);
    });

    it("refuses during the maintenance window at 22:30 CST (R-MNT-1)", async () => {
      const id = await fresh();
      t.clock.set("2026-03-10T14:30:00.000Z");
      try {
        const res = (await handleViolation(t, citizen, id, true, "k-window")).data!.handleViolation;
        expect(res.denials.map((d) => [d.code, d.ruleId])).toEqual([["MAINTENANCE_WINDOW", "R-MNT-1"]]);
      } finally {
        t.clock.set(START);
      }
    });

    it("passes the home platform's denial through and changes nothing (R-ELG-6)", async () => {
      const id = await fresh();
      const denial = { code: "POINTS_WOULD_REACH_12", ruleId: "R-ELG-6", message: { zh: "达到12分", en: "would reach 12" } };
      t.home.decide = () => ({ approved: false, denials: [denial] });
      try {
        const res = (await handleViolation(t, citizen, id, true, "k-home-deny", "en")).data!.handleViolation;
        expect(res).toMatchObject({ ok: false, denials: [{ code: "POINTS_WOULD_REACH_12", ruleId: "R-ELG-6", message: "would reach 12" }] });
        expect(res.violation!.status).toBe("UNHANDLED");
      } finally {
        t.home.decide = () => ({ approved: true, reservationId: "", licenceNumber: "L", pointsBefore: 0, reservedBefore: 0 });
      }
    });

    it("fails with HOME_PLATFORM_UNAVAILABLE when the home platform errors, and leaves the violation unhandled", async () => {
      const id = await fresh();
      t.home.decide = () => {
        throw new Error("home is down");
      };
      try {
        expect(errorCode(await handleViolation(t, citizen, id, true, "k-home-down"))).toBe("HOME_PLATFORM_UNAVAILABLE");
        expect((await violation(t, officer51, id)).data!.violation!.status).toBe("UNHANDLED");
      } finally {
        t.home.decide = () => ({ approved: true, reservationId: "", licenceNumber: "L", pointsBefore: 0, reservedBefore: 0 });
      }
    });

    it("lets exactly one of two parallel handlings win and releases the loser's reservation (R-DUP-1)", async () => {
      const id = await fresh();
      // Both handlings read the violation as UNHANDLED and are approved before either flips it: only
      // the conditional flip (status = UNHANDLED) stands between them and two handlings (tried, issue 15).
      t.home.hold = arrivals(2);
      const [a, b] = await Promise.all([
        handleViolation(t, citizen, id, true, "k-race-a"),
        handleViolation(t, { kind: "CITIZEN", accountId: "acct-9" }, id, true, "k-race-b"),
      ]).finally(() => (t.home.hold = undefined));
      const results = [a.data!.handleViolation, b.data!.handleViolation];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)!.denials[0]!.code).toBe("ALREADY_HANDLED");
      const rows = await t.shard.db.select().from(handlings).where(eq(handlings.violationId, id));
      expect(rows).toHaveLength(1);
      const live = t.home.authorizeCalls.filter((c) => c.violation.id === id && t.home.reservations.has(c.handlingId));
      expect(new Set(live.map((c) => c.handlingId))).toEqual(new Set([rows[0]!.id]));
    });

    it("refuses callers other than citizens", async () => {
      const id = await fresh();
      expect(errorCode(await handleViolation(t, officer51, id, true, "k-officer"))).toBe("FORBIDDEN");
      expect(errorCode(await handleViolation(t, null, id, true, "k-anon"))).toBe("UNAUTHENTICATED");
    });
  });
}
