import { testEngines } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconciliationItems, reconciliations } from "../src/db/schema";
import { seedViolations } from "../src/seed";
import { errorCode, gql, handleViolation, payFine, reconciliationStatement, submitReconciliation, type BankPaymentIn } from "./flow";
import { bank, camera51, citizen, START, startTestShard, type TestShard } from "./harness";

const DAY = "2026-03-10"; // START is 10:00 CST on it
const NIGHT = "2026-03-10T14:30:00.000Z"; // 22:30 CST: the day is closed, the bank reconciles (R-MNT-1)
const otherBank = { kind: "BANK", bankId: "icbc" } as const;

let n = 0;
/** A violation handled by `citizen` and paid on `channel` by `payer` at the clock's now: its payment. */
async function paid(t: TestShard, channel: string, payer = citizen as typeof citizen | typeof bank) {
  n += 1;
  const at = new Date(t.clock.now().getTime() - 3600_000);
  const [row] = await seedViolations(t.shard.db, "51", { count: 1, occurredAt: at, recordedAt: at, plate: () => `渝R${String(n).padStart(5, "0")}` });
  expect((await handleViolation(t, citizen, row!.id, true, `rh-${row!.id}`)).data!.handleViolation.ok).toBe(true);
  const res = (await payFine(t, payer, row!.id, channel, `rp-${row!.id}`)).data!.payFine;
  expect(res.ok).toBe(true);
  return { violationId: row!.id, amountYuan: res.payment!.amountYuan };
}

for (const engine of testEngines()) {
  describe(`the banks' nightly reconciliation on ${engine.name} (R-MNT-1)`, () => {
    let t: TestShard;
    const app: { violationId: string; amountYuan: number; paymentId: string }[] = [];
    beforeAll(async () => {
      t = await startTestShard({ databaseUrl: await engine.create() });
      for (let i = 0; i < 4; i += 1) await paid(t, "APP");
      await paid(t, "WECHAT");
      await paid(t, "BANK_COUNTER", bank);
      await paid(t, "BANK_COUNTER", otherBank as unknown as typeof bank);
      // A payment of the next business day (10:00 CST on 03-11) is not in 03-10's statement.
      t.clock.set("2026-03-11T02:00:00.000Z");
      await paid(t, "APP");
      t.clock.set(START);
      const s = (await reconciliationStatement(t, bank, "51", DAY, "APP")).data!.reconciliationStatement!;
      app.push(...s.payments.map((p) => ({ violationId: p.violationId, amountYuan: p.amountYuan, paymentId: p.paymentId })));
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
    });

    it("R-MNT-1: the statement lists the day's payments of the channel with IDs, amounts, times and totals, final after the 22:00 cut-off", async () => {
      const open = (await reconciliationStatement(t, bank, "51", DAY, "APP")).data!.reconciliationStatement!;
      expect(open).toMatchObject({ businessDay: DAY, channel: "APP", closed: false, paymentCount: 4, totalYuan: 400 });
      expect([open.from, open.to]).toEqual(["2026-03-09T14:00:00.000Z", "2026-03-10T14:00:00.000Z"]);
      expect(open.payments.every((p) => p.paidAt === START && p.amountYuan === 100 && /^[0-9a-f-]{36}$/.test(p.paymentId))).toBe(true);
      t.clock.set(NIGHT);
      try {
        const closed = (await reconciliationStatement(t, bank, "51", DAY, "APP")).data!.reconciliationStatement!;
        expect([closed.closed, closed.paymentCount, closed.reconciliation]).toEqual([true, 4, null]);
        const wechat = (await reconciliationStatement(t, bank, "51", DAY, "WECHAT")).data!.reconciliationStatement!;
        expect(wechat.paymentCount).toBe(1);
        const nextDay = (await reconciliationStatement(t, bank, "51", "2026-03-11", "APP")).data!.reconciliationStatement!;
        expect(nextDay.paymentCount).toBe(1);
      } finally {
        t.clock.set(START);
      }
    });

    it("R-MNT-1: a busy day's statement is read a page at a time: first/after page the payments in the statement's order, none skipped or repeated", async () => {
      const PAGE = `query S($p: ProvinceCode!, $d: String!, $c: PaymentChannel!, $n: Int, $a: ID) {
        reconciliationStatement(province: $p, businessDay: $d, channel: $c) { paymentCount payments(first: $n, after: $a) { paymentId } } }`;
      type Page = { reconciliationStatement: { paymentCount: number; payments: { paymentId: string }[] } };
      const page = (n: number | null, a: string | null) => gql<Page>(t, bank, PAGE, { p: "51", d: DAY, c: "APP", n, a });
      const whole = (await page(null, null)).data!.reconciliationStatement;
      expect(whole.payments.map((p) => p.paymentId)).toEqual(app.map((p) => p.paymentId));
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const got: string[] = (await page(3, after)).data!.reconciliationStatement.payments.map((p) => p.paymentId);
        seen.push(...got);
        if (got.length < 3) break;
        after = got[got.length - 1]!;
      }
      expect(whole.paymentCount).toBe(4);
      expect(seen).toEqual(whole.payments.map((p) => p.paymentId));
      expect(errorCode(await page(0, null))).toBe("BAD_USER_INPUT");
      expect(errorCode(await page(2, "not-a-payment-of-this-day"))).toBe("BAD_USER_INPUT");
    });

    it("R-MNT-1: reports matches, a payment only the platform has, one only the bank has and an amount difference, and keeps the result", async () => {
      t.clock.set(NIGHT);
      try {
        const [a, b, c, d] = app;
        const list: BankPaymentIn[] = [
          { paymentId: a!.paymentId, amountYuan: 100 },
          { paymentId: b!.paymentId, amountYuan: 100, violationId: b!.violationId },
          { paymentId: c!.paymentId, amountYuan: 150 },
          { paymentId: "PSBC-20260310-0099", amountYuan: 200, violationId: "5101000000009999" },
        ];
        const r = (await submitReconciliation(t, bank, "51", DAY, "APP", "night-1", list)).data!.submitReconciliation;
        expect(r).toMatchObject({ matched: 2, platformTotalYuan: 400, bankTotalYuan: 550, balanced: false, replayed: false });
        expect(r.platformOnly.map((i) => [i.paymentId, i.violationId, i.platformAmountYuan, i.bankAmountYuan])).toEqual([[d!.paymentId, d!.violationId, 100, null]]);
        expect(r.bankOnly.map((i) => [i.paymentId, i.platformAmountYuan, i.bankAmountYuan])).toEqual([["PSBC-20260310-0099", null, 200]]);
        expect(r.amountMismatches.map((i) => [i.paymentId, i.platformAmountYuan, i.bankAmountYuan])).toEqual([[c!.paymentId, 100, 150]]);
        // Kept: the statement shows it, and its rows are in the database.
        const s = (await reconciliationStatement(t, bank, "51", DAY, "APP")).data!.reconciliationStatement!;
        expect(s.reconciliation).toMatchObject({ id: r.id, matched: 2, balanced: false });
        const items = await t.shard.db.select().from(reconciliationItems).where(eq(reconciliationItems.reconciliationId, r.id));
        expect(items.map((i) => i.category).sort()).toEqual(["AMOUNT_MISMATCH", "BANK_ONLY", "MATCHED", "MATCHED", "PLATFORM_ONLY"]);
      } finally {
        t.clock.set(START);
      }
    });

    it("R-MNT-1: is idempotent per day, channel and submission key; another list under the key is refused; a new key reconciles again", async () => {
      t.clock.set(NIGHT);
      try {
        const full = app.map((p) => ({ paymentId: p.paymentId, amountYuan: p.amountYuan }));
        const first = (await submitReconciliation(t, bank, "51", DAY, "APP", "night-2", full)).data!.submitReconciliation;
        expect([first.balanced, first.matched, first.replayed]).toEqual([true, 4, false]);
        const again = (await submitReconciliation(t, bank, "51", DAY, "APP", "night-2", full)).data!.submitReconciliation;
        expect([again.id, again.replayed, again.matched]).toEqual([first.id, true, 4]);
        expect(errorCode(await submitReconciliation(t, bank, "51", DAY, "APP", "night-2", full.slice(1)))).toBe("IDEMPOTENCY_KEY_REUSED");
        const rows = await t.shard.db.select().from(reconciliations).where(eq(reconciliations.submissionKey, "night-2"));
        expect(rows).toHaveLength(1);
        // The latest reconciliation is the one the statement shows.
        const s = (await reconciliationStatement(t, bank, "51", DAY, "APP")).data!.reconciliationStatement!;
        expect(s.reconciliation!.id).toBe(first.id);
      } finally {
        t.clock.set(START);
      }
    });

    it("R-MNT-1: refuses a business day that has not ended (BUSINESS_DAY_OPEN) and a malformed one", async () => {
      expect(errorCode(await submitReconciliation(t, bank, "51", DAY, "APP", "early", []))).toBe("BUSINESS_DAY_OPEN");
      expect(errorCode(await reconciliationStatement(t, bank, "51", "2026-02-30", "APP"))).toBe("BAD_USER_INPUT");
      t.clock.set(NIGHT);
      try {
        const dup = [{ paymentId: "x", amountYuan: 1 }, { paymentId: "x", amountYuan: 1 }];
        expect(errorCode(await submitReconciliation(t, bank, "51", DAY, "APP", "dup", dup))).toBe("BAD_USER_INPUT");
      } finally {
        t.clock.set(START);
      }
    });

    it("R-MNT-1, R-DOC-1: answers banks only; the online channels are the collecting bank's, another bank's channel answers as not existing; each bank reconciles only its own counter payments", async () => {
      expect(errorCode(await reconciliationStatement(t, citizen, "51", DAY, "APP"))).toBe("FORBIDDEN");
      expect(errorCode(await reconciliationStatement(t, camera51, "51", DAY, "APP"))).toBe("FORBIDDEN");
      expect(errorCode(await reconciliationStatement(t, null, "51", DAY, "APP"))).toBe("UNAUTHENTICATED");
      expect(errorCode(await reconciliationStatement(t, bank, "44", DAY, "APP"))).toBe("WRONG_PROVINCE");
      // The online channels are the collecting bank's (psbc): to another bank they do not exist.
      const theirs = await reconciliationStatement(t, otherBank, "51", DAY, "APP");
      expect([theirs.errors, theirs.data!.reconciliationStatement]).toEqual([undefined, null]);
      t.clock.set(NIGHT);
      try {
        expect(errorCode(await submitReconciliation(t, otherBank, "51", DAY, "APP", "k", []))).toBe("NOT_FOUND");
        const psbcCounter = (await reconciliationStatement(t, bank, "51", DAY, "BANK_COUNTER")).data!.reconciliationStatement!;
        const icbcCounter = (await reconciliationStatement(t, otherBank, "51", DAY, "BANK_COUNTER")).data!.reconciliationStatement!;
        expect([psbcCounter.paymentCount, icbcCounter.paymentCount]).toEqual([1, 1]);
        expect(psbcCounter.payments[0]!.paymentId).not.toBe(icbcCounter.payments[0]!.paymentId);
        // icbc's reconciliation of its counter payments is its own: psbc's statement does not show it.
        const icbc = (await submitReconciliation(t, otherBank, "51", DAY, "BANK_COUNTER", "k", [])).data!.submitReconciliation;
        expect(icbc.platformOnly.map((i) => i.paymentId)).toEqual([icbcCounter.payments[0]!.paymentId]);
        expect((await reconciliationStatement(t, bank, "51", DAY, "BANK_COUNTER")).data!.reconciliationStatement!.reconciliation).toBeNull();
      } finally {
        t.clock.set(START);
      }
    });
  });
}
