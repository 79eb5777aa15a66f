/**
 * `Violation.eligibility` checks each representation's required facts before the batched lookups
 * (src/violations/required-facts.ts, issue 13): a malformed one is refused alone, at its own index,
 * with BAD_USER_INPUT naming the fact; the well-formed ones of the same batch are answered.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow, VehicleRow } from "../src/db/schema";
import { gql, startTestPlatform, type TestPlatform } from "./flow";
import { violationRepresentation } from "./violation-representation";
import { driver, ownCar } from "./people";

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Violation { id eligibility { allowed } } } }`;
type Answer = { _entities: ({ id: string; eligibility: { allowed: boolean } } | null)[] };
type Errors = { errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };

for (const engine of testEngines()) {
  describe(`eligibility representations on ${engine.name}`, () => {
    let t: TestPlatform;
    let alice: AccountRow;
    let car: VehicleRow;
    const rep = (overrides: Record<string, unknown> = {}) => violationRepresentation(car.plate, overrides);

    beforeAll(async () => {
      t = await startTestPlatform(engine);
      alice = await driver(t.database.db, "Alice");
      car = await ownCar(t.database.db, alice);
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    it.each([
      ["a number for the plate", { plate: 42 }, "plate"],
      ["an occurrence time that is not a date-time", { occurredAt: "yesterday" }, "occurredAt"],
      ["a missing province", { province: undefined }, "province"],
      ["an unknown capture source", { source: "DRONE" }, "source"],
    ])("refuses %s at its own index and answers the rest of the batch", async (_case, overrides, field) => {
      const reps = [rep(), rep(overrides), rep()];
      const res = (await gql<Answer>(t, { kind: "CITIZEN", accountId: alice.id }, ENTITIES, { reps })) as Awaited<ReturnType<typeof gql<Answer>>> & Errors;
      expect(res.data?._entities.map((e) => e?.eligibility.allowed ?? null)).toEqual([true, null, true]);
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]?.path).toEqual(["_entities", 1, "eligibility"]);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toContain(field);
    });
  });
}
