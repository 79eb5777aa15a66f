/**
 * The policy table as configuration (R-ELG-2, R-ELG-3E): `POLICY_PERIODS` replaces the built-in table of
 * @jg/rules, so an operator (or the simulator) can put the epidemic relaxations in force on chosen dates;
 * a bad table is refused at startup with the field named.
 */
import { DEFAULT_POLICY_TABLE, policyFor } from "@jg/rules";
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { configFromEnv, policyTableOf } from "../src/config";
import { seedFiling } from "../src/seed";
import { authorize, authorizeRequest, platformForSuite } from "./flow";
import { driver, ownCar } from "./people";

const JUNE_2024 = [{ policy: "epidemic-2020", provinces: ["50"], from: "2024-06-01", to: "2024-06-30", source: "test: a simulated period" }];

describe("POLICY_PERIODS", () => {
  it("is absent by default: the built-in table of @jg/rules", () => {
    expect(policyTableOf(configFromEnv({}))).toBe(DEFAULT_POLICY_TABLE);
  });

  it("replaces the built-in table; a period is marked assumed unless it says otherwise", () => {
    const table = policyTableOf(configFromEnv({ POLICY_PERIODS: JSON.stringify(JUNE_2024) }));
    expect(table.periods).toHaveLength(1);
    expect(table.periods[0]).toMatchObject({ provinces: ["50"], from: "2024-06-01", to: "2024-06-30", assumed: true });
    expect(policyFor(new Date("2024-06-30T23:59:59+08:00"), "50", table).name).toBe("epidemic-2020");
    expect(policyFor(new Date("2024-07-01T00:00:00+08:00"), "50", table).name).toBe("standard");
    // The built-in 2020 period is gone: the configured table is the whole table.
    expect(policyFor(new Date("2020-03-10T10:00:00+08:00"), "50", table).name).toBe("standard");
  });

  it("an empty list turns every relaxation off", () => {
    const table = policyTableOf(configFromEnv({ POLICY_PERIODS: "[]" }));
    expect(policyFor(new Date("2020-03-10T10:00:00+08:00"), "50", table).name).toBe("standard");
  });

  it.each([
    ["not JSON", "[{", /POLICY_PERIODS is not valid JSON/],
    ["an unknown policy", JSON.stringify([{ ...JUNE_2024[0], policy: "lenient" }]), /policy/],
    ["a bad province code", JSON.stringify([{ ...JUNE_2024[0], provinces: ["99"] }]), /province codes/],
    ["a date that is not YYYY-MM-DD", JSON.stringify([{ ...JUNE_2024[0], from: "2024-6-1" }]), /YYYY-MM-DD/],
    ["from after to", JSON.stringify([{ ...JUNE_2024[0], from: "2024-07-01" }]), /from is after to/],
  ])("refuses %s at startup", (_name, value, message) => {
    expect(() => configFromEnv({ POLICY_PERIODS: value })).toThrow(message);
  });
});

for (const engine of testEngines()) {
  describe(`a configured epidemic period on ${engine.name}`, () => {
    const t = platformForSuite(engine, "2024-06-10T10:00:00+08:00", { policyPeriods: JUNE_2024 });

    it("R-ELG-3E: inside the configured period a filed car's violation from before the filing is approved; after it, denied", async () => {
      const me = await driver(t.database.db, "周一");
      const owner = await driver(t.database.db, "车主甲");
      const car = await ownCar(t.database.db, owner);
      await seedFiling(t.database.db, { accountId: me.id, plate: car.plate, effectiveAt: new Date("2024-06-05T00:00:00+08:00") });
      const before = { plate: car.plate, occurredAt: "2024-06-02T10:00:00+08:00", points: 2 };
      expect((await authorize(t, authorizeRequest(me.id, before))).approved).toBe(true);
      t.clock.set("2024-07-02T10:00:00+08:00");
      const res = await authorize(t, authorizeRequest(me.id, before));
      expect("denials" in res ? res.denials.map((d) => `${d.ruleId}:${d.code}`) : []).toEqual(["R-ELG-3:BEFORE_FILING"]);
    });
  });
}
