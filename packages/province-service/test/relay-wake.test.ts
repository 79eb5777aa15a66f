/**
 * A committed recordViolations batch wakes the shard's relay (issue 18): its `violation.recorded`
 * messages reach the home platform without waiting RELAY_INTERVAL_MS, here one hour, so only the wake
 * can deliver them within the test.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordViolations } from "./flow";
import { camera51, cameraRecord, startTestShard, type TestShard } from "./harness";

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
  });
}
