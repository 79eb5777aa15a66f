import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleViolation, province, recordViolation } from "./flow";
import { cameraRecord, citizen, START, startTestShard, type TestShard } from "./harness";

// A shard of province 50 configured with a 02:00–04:00 window instead of the manual's 22:00–01:00.
// Chongqing (50) has two schedule versions: 50@2004-05-01 (1116 red light: ¥200) and 50@2021-04-20
// (¥100). The same code recorded now costs what the schedule in force on the violation's day said.
for (const engine of testEngines()) {
  describe(`a shard's province data and configuration on ${engine.name}`, () => {
    let t: TestShard;
    const camera50 = { kind: "CAMERA" as const, systemId: "cam-cq-1", provinceCode: "50" };
    beforeAll(async () => {
      t = await startTestShard({
        provinceCode: "50",
        databaseUrl: await engine.create(),
        config: { maintenanceWindow: { from: "02:00", to: "04:00" } },
      });
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
    });

    it.each([
      ["2021-04-19T15:59:59.000Z", 200], // 23:59:59 CST on 19 April 2021: the old schedule
      ["2021-04-19T16:00:00.000Z", 100], // 00:00 CST on 20 April 2021: the new one
    ])("R-OOP-1: a red light at %s is fined ¥%i (the schedule in force that day)", async (occurredAt, fineYuan) => {
      const input = cameraRecord(t.clock, { province: "50", agencyAreaCode: "500101", occurredAt });
      const res = await recordViolation(t, camera50, input);
      expect(res.data!.recordViolation.violation).toMatchObject({ code: "1116", fineYuan, points: 1 });
    });

    it("R-MNT-1: decides with the configured window and shows it as assumed", async () => {
      const p = (await province(t, camera50, "50")).data!.province!;
      expect(p.maintenanceWindow).toMatchObject({ from: "02:00", to: "04:00", timeZone: "Asia/Shanghai", assumed: true });
      expect(p.businessNotice).toContain("每日02:00至次日04:00");
      const record = async (key: string) =>
        (await recordViolation(t, camera50, cameraRecord(t.clock, { province: "50", agencyAreaCode: "500101", sourceRecordKey: key })))
          .data!.recordViolation.violation.id;
      try {
        t.clock.set("2026-03-10T14:30:00.000Z"); // 22:30 CST: open under this configuration
        const evening = await record("w-evening");
        expect((await handleViolation(t, citizen, evening, true, "w-evening")).data!.handleViolation.ok).toBe(true);
        t.clock.set("2026-03-10T19:00:00.000Z"); // 03:00 CST: closed
        const night = await record("w-night");
        const res = (await handleViolation(t, citizen, night, true, "w-night")).data!.handleViolation;
        expect(res.denials.map((d) => d.code)).toEqual(["MAINTENANCE_WINDOW"]);
      } finally {
        t.clock.set(START);
      }
    });
  });
}
