/**
 * The account loader reads each account with its holder's licence in one statement and primes the
 * request's licence loader (src/accounts/account.loader.ts, issue 11): a holder's licence, no licence
 * for an account without one, never another account's.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../src/db/schema";
import { gql, startTestPlatform, type TestPlatform } from "./flow";
import { driver } from "./people";

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

    it("reads the account and its licence in one statement (then the ledger: two in all)", async () => {
      t.database.queries.reset();
      const res = await gql<Me>(t, as(holder), ME);
      expect(res.data?.me.licence?.number).toBe(holder.idNumber);
      expect(t.database.queries.count).toBe(2);
    });
  });
}
