/**
 * The viewer loader reads each account with its holder's licence, ledger, relations and vehicles in
 * one statement and primes the request's loaders (src/accounts/account.loader.ts, issues 11 and 12): a
 * holder's licence, no licence for an account without one, never another account's.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../src/db/schema";
import { gql, startTestPlatform, type TestPlatform } from "./flow";
import { driver, ownCar } from "./people";

const ME = "{ me { id licence { number points } } }";
type Me = { me: { id: string; licence: { number: string; points: number } | null } };

for (const engine of testEngines()) {
  describe(`account and licence on ${engine.name}`, () => {
    let t: TestPlatform;
    let holder: AccountRow, other: AccountRow, unlicensed: AccountRow;
    const as = (a: AccountRow) => ({ kind: "CITIZEN" as const, accountId: a.id });

    beforeAll(async () => {
      t = await startTestPlatform(engine, undefined, { webhooks: { relay: false } }); // no background relay polls in the SQL counts
      holder = await driver(t.database.db, "Holder");
      other = await driver(t.database.db, "Other");
      unlicensed = await driver(t.database.db, "Unlicensed", null);
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    it("answers each citizen with their own licence, and none for an account without one", async () => {
      expect((await gql<Me>(t, as(holder), ME)).data?.me).toEqual({ id: holder.id, licence: { number: holder.idNumber, points: 0 } });
      expect((await gql<Me>(t, as(other), ME)).data?.me).toEqual({ id: other.id, licence: { number: other.idNumber, points: 0 } });
      expect((await gql<Me>(t, as(unlicensed), ME)).data?.me).toEqual({ id: unlicensed.id, licence: null });
    });

    it("reads the account, its licence, the ledger, the relations and the vehicles in one statement (issue 12: were four)", async () => {
      t.database.queries.reset();
      const res = await gql<Me>(t, as(holder), ME);
      expect(res.data?.me.licence?.number).toBe(holder.idNumber);
      expect(t.database.queries.count).toBe(1);
      const car = await ownCar(t.database.db, holder);
      t.database.queries.reset();
      const withCars = await gql<{ me: { licence: { points: number }; vehicles: { relation: string; vehicle: { plate: string } }[] } }>(
        t,
        as(holder),
        "{ me { licence { points reservedPoints } vehicles { relation vehicle { plate plateType } } } }",
      );
      expect(withCars.data?.me.vehicles).toEqual([{ relation: "OWNER", vehicle: { plate: car.plate } }].map((v) => ({ ...v, vehicle: { ...v.vehicle, plateType: expect.any(String) } })));
      expect(t.database.queries.count).toBe(1);
    });
  });
}
