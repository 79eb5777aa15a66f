/**
 * A committed recordViolations batch wakes the shard's relay (issue 18), and so does every other commit
 * that writes a handoff message: a single recordViolation, a handling, a payment, a revert (issue 12
 * review). Their messages reach the home platform without waiting RELAY_INTERVAL_MS, here one hour, so
 * only the wake can deliver them within the test.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleViolation, payFine, recordViolation, recordViolations } from "./flow";
import { camera51, cameraRecord, citizen, startTestShard, type TestShard } from "./harness";

for (const engine of testEngines()) {
  describe(`relay woken by a committed camera batch on ${engine.name}`, () => {
    let t: TestShard;
    beforeAll(async () => {
      t = await startTestShard({ databaseUrl: await engine.create(), config: { relayIntervalMs: 3_600_000 } });
      await t.shard.relay.drainOnce(); // queued behind the relay's first round: it has found nothing and pauses
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
    });

    it("delivers the batch's messages to the home platform without waiting the relay interval", async () => {
      const records = ["渝A50001", "川A50002", "渝B50003"].map((plate) => {
        const { province: _province, ...record } = cameraRecord(t.clock, { plate });
        return record;
      });
      const out = (await recordViolations(t, camera51, "51", records)).data!.recordViolations;
      expect(out.recorded).toBe(3);
      const homeIds = out.items.filter((i) => i.violation!.plate.startsWith("渝")).map((i) => i.violation!.id);
      await expect.poll(() => t.home.messages.map((m) => m.payload.violationId), { timeout: 20_000 }).toEqual(homeIds);
      await expect.poll(() => t.shard.relay.pending(), { timeout: 20_000 }).toBe(0);
    });

    /** The types of the messages the home platform received about `id`, in order. */
    const delivered = (id: string) => () => t.home.messages.filter((m) => m.payload.violationId === id).map((m) => m.type);

    it("R-SYNC-1: delivers a single recording's, a handling's and a payment's message each without waiting the relay interval", async () => {
      const recorded = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "渝A50011" }))).data!.recordViolation;
      const id = recorded.violation.id;
      await expect.poll(delivered(id), { timeout: 20_000 }).toEqual(["violation.recorded"]);
      expect((await handleViolation(t, citizen, id, true, `h-${id}`)).data!.handleViolation.ok).toBe(true);
      await expect.poll(delivered(id), { timeout: 20_000 }).toEqual(["violation.recorded", "violation.handled"]);
      expect((await payFine(t, citizen, id, "APP", `p-${id}`)).data!.payFine.ok).toBe(true);
      await expect.poll(delivered(id), { timeout: 20_000 }).toEqual(["violation.recorded", "violation.handled", "violation.paid"]);
    });

    it("R-PAY-1: delivers a sweep's reverts without waiting the relay interval", async () => {
      const id = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "川A50012" }))).data!.recordViolation.violation.id;
      expect((await handleViolation(t, citizen, id, true, `h-${id}`)).data!.handleViolation.ok).toBe(true);
      await expect.poll(delivered(id), { timeout: 20_000 }).toEqual(["violation.handled"]);
      t.clock.advance(2 * 3600_000 + 1000);
      expect(await t.shard.sweeper.sweepOnce()).toBe(1);
      await expect.poll(delivered(id), { timeout: 20_000 }).toEqual(["violation.handled", "violation.reverted"]);
    });
  });
}
