import { makeViolationId } from "@jg/provinces";
import { rowsOf } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { violations } from "../src/db/schema";
import { errorCode, recordViolation } from "./flow";
import { camera51, cameraRecord, citizen, officer51, shardForSuite, statementShape } from "./harness";

for (const engine of testEngines()) {
  describe(`recordViolation on ${engine.name}`, () => {
    const t = shardForSuite(engine);

    it("records a camera violation with an ID of the agency's area and the province's fine (R-OOP-1)", async () => {
      const res = await recordViolation(t, camera51, cameraRecord(t.clock));
      const v = res.data!.recordViolation.violation;
      expect(res.errors).toBeUndefined();
      expect(v.id).toMatch(/^510100\d{10}$/);
      expect(v).toMatchObject({ status: "UNHANDLED", fineYuan: 100, points: 1, source: "CAMERA", handling: null });
    });

    it("answers a retry with the same sourceRecordKey with the first record and stores one row", async () => {
      const input = cameraRecord(t.clock);
      const first = await recordViolation(t, camera51, input);
      const second = await recordViolation(t, camera51, input);
      expect(second.data!.recordViolation).toMatchObject({ ok: true, replayed: true });
      expect(second.data!.recordViolation.violation.id).toBe(first.data!.recordViolation.violation.id);
      const rows = await t.shard.db.select().from(violations).where(eq(violations.sourceRecordKey, input.sourceRecordKey));
      expect(rows).toHaveLength(1);
    });

    it("records in two SQL statements, and a retry writes no second handoff message (issue 12)", async () => {
      const input = cameraRecord(t.clock, { plate: "渝A12399" });
      t.shard.database.queries.reset();
      t.shard.database.queries.record();
      const first = await recordViolation(t, camera51, input);
      // The violation with its serial (the key's unique index decides: no read of the key before), the message.
      expect(t.shard.database.queries.recorded.map(statementShape)).toEqual(["insert violations", "insert outbox outbox"]); // the insert reads earlier undelivered rows of the violation (claim on enqueue)
      const before = await t.shard.relay.pending();
      const again = await recordViolation(t, camera51, input);
      expect(again.data!.recordViolation).toMatchObject({ ok: true, replayed: true, violation: { id: first.data!.recordViolation.violation.id } });
      expect(await t.shard.relay.pending()).toBe(before);
    });

    it("makes the ID as makeViolationId does: the agency's area code and the next serial in ten digits, never cut", async () => {
      const input = cameraRecord(t.clock);
      const [{ n }] = rowsOf<{ n: string }>(await t.shard.db.execute(sql`select case when is_called then last_value + 1 else last_value end as n from violation_serial`)) as [{ n: string }];
      const id = (await recordViolation(t, camera51, input)).data!.recordViolation.violation.id as string;
      expect(id).toBe(makeViolationId(input.agencyAreaCode, BigInt(n)));
      // The last ten-digit serial still makes an ID; the one after it makes none and records nothing.
      await t.shard.db.execute(sql`select setval('violation_serial', 9999999998)`);
      try {
        const last = (await recordViolation(t, camera51, cameraRecord(t.clock, { sourceRecordKey: "serial-last" }))).data!.recordViolation.violation.id;
        expect(last).toBe(makeViolationId(input.agencyAreaCode, 9_999_999_999n));
        const before = (await t.shard.db.select({ id: violations.id }).from(violations)).length;
        const over = await recordViolation(t, camera51, cameraRecord(t.clock, { sourceRecordKey: "serial-over" }));
        expect(over.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR"); // a fault, not an answer: the serial is exhausted
        expect((await t.shard.db.select({ id: violations.id }).from(violations)).length).toBe(before);
      } finally {
        await t.shard.db.execute(sql`select setval('violation_serial', ${n}::bigint)`);
      }
    });

    it("refuses the same sourceRecordKey with other facts (IDEMPOTENCY_KEY_REUSED)", async () => {
      const input = cameraRecord(t.clock);
      await recordViolation(t, camera51, input);
      expect(errorCode(await recordViolation(t, camera51, { ...input, plate: "川A54321" }))).toBe("IDEMPOTENCY_KEY_REUSED");
    });

    it.each([
      ["a malformed plate", { plate: "川I12345" }, "INVALID_PLATE"],
      ["an unknown violation code", { code: "0000" }, "UNKNOWN_VIOLATION_CODE"],
      ["a time in the future", { occurredAt: "2099-01-01T00:00:00Z" }, "OCCURRED_IN_FUTURE"],
      ["another province's route", { province: "44" }, "WRONG_PROVINCE"],
      ["an agency area of another province", { agencyAreaCode: "440100" }, "BAD_USER_INPUT"],
      ["an unknown plate type", { plateType: "77" }, "BAD_USER_INPUT"],
      ["an empty location", { location: "  " }, "BAD_USER_INPUT"],
    ])("refuses %s with %s and writes nothing", async (_what, overrides, code) => {
      const before = (await t.shard.db.select({ id: violations.id }).from(violations)).length;
      const res = await recordViolation(t, camera51, cameraRecord(t.clock, overrides));
      expect(errorCode(res)).toBe(code);
      expect((await t.shard.db.select({ id: violations.id }).from(violations)).length).toBe(before);
    });

    it("lets an officer of this province record on-site violations only", async () => {
      const onSite = await recordViolation(t, officer51, cameraRecord(t.clock, { source: "ON_SITE" }));
      expect(onSite.data!.recordViolation.violation.source).toBe("ON_SITE");
      expect(errorCode(await recordViolation(t, officer51, cameraRecord(t.clock)))).toBe("FORBIDDEN");
    });

    it("refuses citizens, cameras of another province and anonymous callers", async () => {
      expect(errorCode(await recordViolation(t, citizen, cameraRecord(t.clock)))).toBe("FORBIDDEN");
      expect(errorCode(await recordViolation(t, { kind: "CAMERA", systemId: "cam-gz", provinceCode: "44" }, cameraRecord(t.clock)))).toBe("FORBIDDEN");
      expect(errorCode(await recordViolation(t, null, cameraRecord(t.clock)))).toBe("UNAUTHENTICATED");
    });
  });
}
