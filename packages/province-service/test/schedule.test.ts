import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordViolation } from "./flow";
import { cameraRecord, startTestShard, type TestShard } from "./harness";

// Chongqing (50) has two schedule versions: 50@2004-05-01 (1116 red light: ¥200) and 50@2021-04-20
// (¥100). The same code recorded now costs what the schedule in force on the violation's day said.
for (const engine of testEngines()) {
  describe(`fine schedule in force at the violation time (R-OOP-1) on ${engine.name}`, () => {
    let t: TestShard;
    const camera50 = { kind: "CAMERA" as const, systemId: "cam-cq-1", provinceCode: "50" };
    beforeAll(async () => {
      t = await startTestShard({ provinceCode: "50", databaseUrl: await engine.create() });
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
    });

    it.each([
      ["2021-04-19T15:59:59.000Z", 200], // 23:59:59 CST on 19 April 2021: the old schedule
      ["2021-04-19T16:00:00.000Z", 100], // 00:00 CST on 20 April 2021: the new one
    ])("a red light at %s is fined ¥%i", async (occurredAt, fineYuan) => {
      const input = cameraRecord(t.clock, { province: "50", agencyAreaCode: "500101", occurredAt });
      const res = await recordViolation(t, camera50, input);
      expect(res.data!.recordViolation.violation).toMatchObject({ code: "1116", fineYuan, points: 1 });
    });
  });
}
