import { outbox } from "@jg/handoff";
import { testEngines } from "@jg/service-kit/testing";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { violations } from "../src/db/schema";
import { errorCode, recordViolation, recordViolations, type BatchRecordInput } from "./flow";
import { camera51, cameraRecord, citizen, officer51, startTestShard, type TestShard } from "./harness";

/** A batch record (cameraRecord without the province). */
function batchRecord(t: TestShard, overrides: Partial<BatchRecordInput> = {}): BatchRecordInput {
  const { province: _province, ...record } = cameraRecord(t.clock, overrides);
  return record;
}

for (const engine of testEngines()) {
  describe(`recordViolations (camera batches) on ${engine.name}`, () => {
    let t: TestShard;
    beforeAll(async () => {
      t = await startTestShard({ databaseUrl: await engine.create(), config: { batchOutboxLagLimitMs: 60_000, batchRetryAfterSeconds: 7 } });
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
    });

    it("answers each record in order: RECORDED, REFUSED with its code, and records the others (R-OOP-1 fines)", async () => {
      const records = [
        batchRecord(t, { plate: "渝A10001" }),
        batchRecord(t, { plate: "川I12345" }),
        batchRecord(t, { code: "0000" }),
        batchRecord(t, { occurredAt: "2099-01-01T00:00:00Z" }),
        batchRecord(t, { agencyAreaCode: "440100" }),
        batchRecord(t, { source: "ON_SITE" }),
        batchRecord(t, { plate: "川A10002" }),
      ];
      const res = await recordViolations(t, camera51, "51", records);
      expect(res.errors).toBeUndefined();
      const out = res.data!.recordViolations;
      expect(out.items.map((i) => [i.index, i.outcome, i.refusal?.code ?? null])).toEqual([
        [0, "RECORDED", null],
        [1, "REFUSED", "INVALID_PLATE"],
        [2, "REFUSED", "UNKNOWN_VIOLATION_CODE"],
        [3, "REFUSED", "OCCURRED_IN_FUTURE"],
        [4, "REFUSED", "BAD_USER_INPUT"],
        [5, "REFUSED", "FORBIDDEN"],
        [6, "RECORDED", null],
      ]);
      expect([out.recorded, out.duplicates, out.refused]).toEqual([2, 0, 5]);
      expect(out.items[1]!.refusal!.message).toMatch(/号牌/);
      const stored = await t.shard.db.select().from(violations).where(inArray(violations.sourceRecordKey, records.map((r) => r.sourceRecordKey)));
      expect(stored.map((r) => r.plate).sort()).toEqual(["川A10002", "渝A10001"]);
      expect(stored.every((r) => r.fineYuan === 100 && /^510100\d{10}$/.test(r.id))).toBe(true);
      // Only the home-province vehicle is announced to the home platform, once.
      const messages = await t.shard.db.select().from(outbox).where(inArray(outbox.orderingKey, stored.map((r) => r.id)));
      expect(messages.map((m) => [m.type, m.orderingKey])).toEqual([["violation.recorded", stored.find((r) => r.plate === "渝A10001")!.id]]);
    });

    it("is idempotent per source key: a retried batch answers DUPLICATE with the first records and stores nothing new", async () => {
      const records = [batchRecord(t, { plate: "渝A20001" }), batchRecord(t, { plate: "渝A20002" })];
      const first = (await recordViolations(t, camera51, "51", records)).data!.recordViolations;
      const outboxBefore = (await t.shard.db.select({ id: outbox.id }).from(outbox)).length;
      const again = (await recordViolations(t, camera51, "51", records)).data!.recordViolations;
      expect(again.items.map((i) => i.outcome)).toEqual(["DUPLICATE", "DUPLICATE"]);
      expect(again.items.map((i) => i.violation!.id)).toEqual(first.items.map((i) => i.violation!.id));
      expect((await t.shard.db.select({ id: outbox.id }).from(outbox)).length).toBe(outboxBefore);
      const rows = await t.shard.db.select().from(violations).where(inArray(violations.sourceRecordKey, records.map((r) => r.sourceRecordKey)));
      expect(rows).toHaveLength(2);
    });

    it("answers a key recorded by a single recordViolation as DUPLICATE, and the same key with other facts as REFUSED IDEMPOTENCY_KEY_REUSED", async () => {
      const single = cameraRecord(t.clock, { plate: "渝A30001" });
      const earlier = (await recordViolation(t, camera51, single)).data!.recordViolation.violation;
      const { province: _p, ...same } = single;
      const res = (await recordViolations(t, camera51, "51", [same, { ...same, plate: "渝A30002" }])).data!.recordViolations;
      expect(res.items.map((i) => [i.outcome, i.violation?.id ?? i.refusal?.code])).toEqual([
        ["DUPLICATE", earlier.id],
        ["REFUSED", "IDEMPOTENCY_KEY_REUSED"],
      ]);
    });

    it("answers a later repeat of a stored key by the stored record, even when an earlier item of the batch was refused for it", async () => {
      const single = cameraRecord(t.clock, { plate: "渝A30003" });
      const earlier = (await recordViolation(t, camera51, single)).data!.recordViolation.violation;
      const { province: _p, ...same } = single;
      const res = (await recordViolations(t, camera51, "51", [{ ...same, plate: "渝A30004" }, same])).data!.recordViolations;
      expect(res.items.map((i) => [i.outcome, i.violation?.id ?? i.refusal?.code])).toEqual([
        ["REFUSED", "IDEMPOTENCY_KEY_REUSED"],
        ["DUPLICATE", earlier.id],
      ]);
    });

    it("answers a key repeated inside one batch: the first RECORDED, a same-facts repeat DUPLICATE, an other-facts repeat REFUSED", async () => {
      const a = batchRecord(t, { plate: "川A40001" });
      const res = (await recordViolations(t, camera51, "51", [a, { ...a }, { ...a, location: "成都市天府大道" }])).data!.recordViolations;
      expect(res.items.map((i) => i.outcome)).toEqual(["RECORDED", "DUPLICATE", "REFUSED"]);
      expect(res.items[1]!.violation!.id).toBe(res.items[0]!.violation!.id);
      expect(res.items[2]!.refusal!.code).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(await t.shard.db.select().from(violations).where(eq(violations.sourceRecordKey, a.sourceRecordKey))).toHaveLength(1);
    });

    it("takes 500 records in one call and refuses 501 or none for the whole batch", async () => {
      const many = Array.from({ length: 500 }, (_, i) => batchRecord(t, { plate: `川B${String(i).padStart(5, "0")}` }));
      const res = await recordViolations(t, camera51, "51", many);
      expect(res.data!.recordViolations.recorded).toBe(500);
      expect(new Set(res.data!.recordViolations.items.map((i) => i.violation!.id)).size).toBe(500);
      expect(errorCode(await recordViolations(t, camera51, "51", [...many, batchRecord(t)]))).toBe("BAD_USER_INPUT");
      expect(errorCode(await recordViolations(t, camera51, "51", []))).toBe("BAD_USER_INPUT");
    });

    it("refuses callers who may not record and another province's batch, for the whole batch", async () => {
      expect(errorCode(await recordViolations(t, citizen, "51", [batchRecord(t)]))).toBe("FORBIDDEN");
      expect(errorCode(await recordViolations(t, { kind: "CAMERA", systemId: "cam-gz", provinceCode: "44" }, "51", [batchRecord(t)]))).toBe("FORBIDDEN");
      expect(errorCode(await recordViolations(t, null, "51", [batchRecord(t)]))).toBe("UNAUTHENTICATED");
      expect(errorCode(await recordViolations(t, camera51, "44", [batchRecord(t)]))).toBe("WRONG_PROVINCE");
      const onSite = (await recordViolations(t, officer51, "51", [batchRecord(t, { source: "ON_SITE" }), batchRecord(t)])).data!.recordViolations;
      expect(onSite.items.map((i) => i.refusal?.code ?? i.outcome)).toEqual(["RECORDED", "FORBIDDEN"]);
    });

    it("applies back-pressure: HANDOFF_BACKLOG with extensions.retryAfter while the outbox lags beyond the bound, and records again once delivered", async () => {
      await t.shard.relay.drainOnce();
      // One undelivered message, then 61 s pass without the relay running: the lag exceeds 60 s.
      await recordViolations(t, camera51, "51", [batchRecord(t, { plate: "渝A50001" })]);
      const before = t.clock.now();
      t.clock.advance(61_000);
      try {
        const refused = await recordViolations(t, camera51, "51", [batchRecord(t, { plate: "渝A50002" })]);
        expect(errorCode(refused)).toBe("HANDOFF_BACKLOG");
        expect(refused.errors![0]!.extensions).toMatchObject({ retryAfter: 7, details: { lagLimitMs: 60_000 } });
        expect(refused.errors![0]!.message).toMatch(/7/);
        // Draining the outbox relieves the pressure.
        while ((await t.shard.relay.drainOnce()).delivered > 0);
        const accepted = await recordViolations(t, camera51, "51", [batchRecord(t, { plate: "渝A50003" })]);
        expect(accepted.data!.recordViolations.recorded).toBe(1);
      } finally {
        t.clock.set(before);
      }
    });
  });
}
