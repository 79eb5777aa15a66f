import { outbox } from "@jg/handoff";
import { testEngines } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { violations } from "../src/db/schema";
import { publishRecorded } from "../src/handoff/publish";
import { handleViolation, payFine, recordViolation } from "./flow";
import { camera51, cameraRecord, citizen, shardForSuite } from "./harness";

for (const engine of testEngines()) {
  describe(`outbox to the home platform on ${engine.name}`, () => {
    const t = shardForSuite(engine);

    async function messagesOf(id: string) {
      return t.shard.db.select().from(outbox).where(eq(outbox.orderingKey, id)).orderBy(outbox.seq);
    }

    it("writes recorded, handled and paid for a home-province vehicle, with the facts the home platform needs", async () => {
      const v = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "渝A88888" }))).data!.recordViolation.violation;
      await handleViolation(t, citizen, v.id, true, `ob-h-${v.id}`);
      await payFine(t, citizen, v.id, "ALIPAY", `ob-p-${v.id}`);
      const rows = await messagesOf(v.id);
      expect(rows.map((r) => [r.type, r.destination])).toEqual([
        ["violation.recorded", "home-platform"],
        ["violation.handled", "home-platform"],
        ["violation.paid", "home-platform"],
      ]);
      expect(rows[0]!.payload).toMatchObject({ provinceCode: "51", source: "province-51", payload: { plate: "渝A88888", fineYuan: 100, points: 1 } });
      expect(rows[2]!.payload).toMatchObject({ payload: { amountYuan: 100, channel: "ALIPAY", points: 1 } });
    });

    it("does not announce the recording of another province's vehicle, but does announce its handling", async () => {
      const v = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "川A77777" }))).data!.recordViolation.violation;
      expect(await messagesOf(v.id)).toEqual([]);
      await handleViolation(t, citizen, v.id, true, `ob-h2-${v.id}`);
      expect((await messagesOf(v.id)).map((r) => r.type)).toEqual(["violation.handled"]);
    });

    it("keeps a message only if its transaction commits", async () => {
      const v = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "川A66666" }))).data!.recordViolation.violation;
      const [row] = await t.shard.db.select().from(violations).where(eq(violations.id, v.id));
      await expect(
        t.shard.db.transaction(async (tx) => {
          await publishRecorded(tx, { ...row!, plate: "渝A66666" });
          throw new Error("the business change failed after the message was written");
        }),
      ).rejects.toThrow("business change failed");
      expect(await messagesOf(v.id)).toEqual([]);
    });

    it("retries delivery with backoff until the home platform acknowledges, without duplicates", async () => {
      const v = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "渝A55555" }))).data!.recordViolation.violation;
      for (let i = 0; i < 5 && (await t.shard.relay.pending()) > 0; i += 1) await t.shard.relay.drainOnce();
      const before = t.home.messages.length;
      const w = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "渝A44444" }))).data!.recordViolation.violation;
      t.home.refuseMessages = true;
      expect((await t.shard.relay.drainOnce()).failed).toBe(1);
      t.home.refuseMessages = false;
      expect((await t.shard.relay.drainOnce()).delivered).toBe(0); // still backing off on the business clock
      t.clock.advance(60 * 60_000);
      expect((await t.shard.relay.drainOnce()).delivered).toBe(1);
      expect(t.home.messages.slice(before).map((m) => m.payload.violationId)).toEqual([w.id]);
      expect(t.home.messages.filter((m) => m.payload.violationId === v.id)).toHaveLength(1);
    });
  });
}
