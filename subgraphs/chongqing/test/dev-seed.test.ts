import { bearer, signServiceToken } from "@jg/identity";
import { HOME_PLATFORM_SERVICE } from "@jg/handoff";
import { generatePopulation, presets } from "@jg/population";
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_SEED_PATH } from "../src/handoff/internal-routes";
import { gql, postRaw, SIMULATOR, startTestPlatform, type TestPlatform } from "./flow";

const now = new Date("2026-03-01T02:00:00Z");

for (const engine of testEngines()) {
  describe(`development seeding on ${engine.name}`, () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform(engine, now.toISOString());
    });
    afterAll(async () => {
      await platform.close();
      await engine.cleanup();
    });

    const post = async (body: unknown, audience = HOME_PLATFORM_SERVICE) => {
      const token = await signServiceToken(audience, SIMULATOR, now);
      return postRaw(platform, DEV_SEED_PATH, body, bearer(token));
    };

    it("refuses a caller without a service token addressed to the platform", async () => {
      expect((await post({}, "province-51")).status).toBe(401);
    });

    it("refuses a body that is not a population", async () => {
      expect((await post({ accounts: [] })).status).toBe(400);
    });

    it("loads a demo population once, with its cast's licence and vehicles visible to the cast", async () => {
      const population = generatePopulation(presets.demo({ seed: 7, now, provinces: ["50", "51", "44"] }));
      const first = await post(population);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ seeded: true, accounts: population.accounts.length, vehicles: population.vehicles.length });
      const again = await post(population);
      expect(again.json).toMatchObject({ seeded: false });
      type Me = { me: { id: string; licence: { points: number }; vehicles: { relation: string; vehicle: { plate: string } }[] } };
      const me = await gql<Me>(
        platform,
        { kind: "CITIZEN", accountId: population.cast!.citizen },
        "{ me { id licence { number points } vehicles { relation vehicle { plate } } } }",
      );
      expect(me.errors).toBeUndefined();
      const data = me.data!;
      expect(data.me.id).toBe(population.cast!.citizen);
      expect(data.me.vehicles.map((v) => v.vehicle.plate)).toContain(population.cast!.citizenPlate);
      expect(data.me.vehicles.find((v) => v.vehicle.plate === population.cast!.filedPlate)?.relation).toBe("FILED");
    });
  });
}
