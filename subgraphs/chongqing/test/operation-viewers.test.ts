/**
 * The viewer read once per client query (issue 12, src/accounts/operation-viewers.ts): the requests of
 * one query operation (the gateway's `x-jg-operation` key) share the viewer read for the same signed-in
 * account; another account, another operation, a request without a key or a mutation read their own.
 */
import { testEngines } from "@jg/service-kit/testing";
import type { OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperationViewers, operationKeyOf, operationViewersOf, queryOnlyOperationKeys } from "../src/accounts/operation-viewers";
import type { Viewer } from "../src/accounts/viewer.store";
import type { AccountRow } from "../src/db/schema";
import { gql, startTestPlatform, type TestPlatform } from "./flow";
import { driver, ownCar } from "./people";

const viewerOf = (id: string) => ({ account: { id } }) as unknown as Viewer;

describe("viewers shared by the requests of one operation", () => {
  /** A read that records the IDs it was asked for. */
  const reader = () => {
    const asked: string[][] = [];
    const read = async (ids: readonly string[]) => (asked.push([...ids]), ids.filter((id) => id !== "unknown").map(viewerOf));
    return { asked, read };
  };

  it("reads every time without an operation", async () => {
    const cache = new OperationViewers();
    const { asked, read } = reader();
    await cache.viewers(undefined, ["a"], read);
    await cache.viewers(undefined, ["a"], read);
    expect(asked).toEqual([["a"], ["a"]]);
    expect(cache.size).toBe(0);
  });

  it("reads once per operation and account; another account or operation reads its own", async () => {
    const cache = new OperationViewers();
    const { asked, read } = reader();
    const first = await cache.viewers("op-1-xxxxxx", ["a", "unknown"], read);
    expect(first.map((v) => v?.account.id ?? null)).toEqual(["a", null]);
    const again = await cache.viewers("op-1-xxxxxx", ["unknown", "a", "b"], read);
    expect(again.map((v) => v?.account.id ?? null)).toEqual([null, "a", "b"]);
    expect(again[1]).toBe(first[0]);
    await cache.viewers("op-2-xxxxxx", ["a"], read);
    expect(asked).toEqual([["a", "unknown"], ["b"], ["a"]]);
  });

  it("forgets an operation after the TTL, keeps at most the bound (oldest out first), and never keeps a failed read", async () => {
    let now = 0;
    const cache = new OperationViewers(() => now, 100, 2);
    const { asked, read } = reader();
    await cache.viewers("op-1-xxxxxx", ["a"], read);
    now = 99;
    await cache.viewers("op-1-xxxxxx", ["a"], read);
    now = 100;
    await cache.viewers("op-1-xxxxxx", ["a"], read);
    expect(asked).toEqual([["a"], ["a"]]);
    await cache.viewers("op-2-xxxxxx", ["a"], read);
    await cache.viewers("op-3-xxxxxx", ["a"], read);
    expect(cache.size).toBe(2);
    await cache.viewers("op-1-xxxxxx", ["a"], read); // dropped as the oldest: read again
    expect(asked).toHaveLength(5);
    const failing = new OperationViewers(() => now);
    await expect(failing.viewers("op-4-xxxxxx", ["a"], () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await new Promise((resolve) => setImmediate(resolve));
    expect(failing.size).toBe(0);
    expect((await failing.viewers("op-4-xxxxxx", ["a"], read))[0]?.account.id).toBe("a");
  });

  it("takes a plain key of 8 to 64 characters and nothing else", () => {
    expect(operationKeyOf("5f0c1d9e-aaaa-4bbb-8ccc-0123456789ab")).toBe("5f0c1d9e-aaaa-4bbb-8ccc-0123456789ab");
    for (const bad of [undefined, "", "short", "x".repeat(65), "has space ok", "semi;colon", ["5f0c1d9e-aaaa", "5f0c1d9e-bbbb"]]) expect(operationKeyOf(bad)).toBeUndefined();
  });

  it("keeps the key of a query and forgets it for a mutation or a subscription", async () => {
    const listener = await queryOnlyOperationKeys<{ operationKey: string | undefined }>().requestDidStart!({} as never);
    for (const [operation, kept] of [["query", true], ["mutation", false], ["subscription", false]] as const) {
      const contextValue = { operationKey: "5f0c1d9e-aaaa-4bbb-8ccc-0123456789ab" };
      await listener!.didResolveOperation!({ operation: { operation } as OperationDefinitionNode, contextValue } as never);
      expect(contextValue.operationKey !== undefined).toBe(kept);
    }
  });
});

const ME = "{ me { id licence { number points } vehicles { vehicle { plate } } } }";
type Me = { me: { id: string; licence: { number: string; points: number } | null; vehicles: { vehicle: { plate: string } }[] } };

for (const engine of testEngines()) {
  describe(`one viewer statement per query operation on ${engine.name}`, () => {
    let t: TestPlatform;
    let holder: AccountRow, other: AccountRow;
    const as = (a: AccountRow) => ({ kind: "CITIZEN" as const, accountId: a.id });
    const keyed = (key: string) => ({ "x-jg-operation": key });

    beforeAll(async () => {
      t = await startTestPlatform(engine, undefined, { webhooks: { relay: false } }); // no background relay polls in the SQL counts
      holder = await driver(t.database.db, "Holder");
      other = await driver(t.database.db, "Other");
      await ownCar(t.database.db, holder);
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    it("answers a second request of the same operation and citizen without a statement, and the same", async () => {
      const key = "11111111-aaaa-4bbb-8ccc-0123456789ab";
      t.database.queries.reset();
      const first = await gql<Me>(t, as(holder), ME, {}, keyed(key));
      expect(t.database.queries.count).toBe(1);
      t.database.queries.reset();
      const second = await gql<Me>(t, as(holder), ME, {}, keyed(key));
      expect(t.database.queries.count).toBe(0);
      expect(second.data).toEqual(first.data);
      expect(first.data?.me.vehicles).toHaveLength(1);
    });

    it("never answers another citizen from the operation's viewer: the same key reads their own", async () => {
      const key = "22222222-aaaa-4bbb-8ccc-0123456789ab";
      await gql<Me>(t, as(holder), ME, {}, keyed(key));
      t.database.queries.reset();
      const theirs = await gql<Me>(t, as(other), ME, {}, keyed(key));
      expect(t.database.queries.count).toBe(1);
      expect(theirs.data?.me).toEqual({ id: other.id, licence: { number: other.idNumber, points: 0 }, vehicles: [] });
    });

    it("reads afresh for another operation or a request without a key: a change is seen at once", async () => {
      const key = "33333333-aaaa-4bbb-8ccc-0123456789ab";
      expect((await gql<Me>(t, as(other), ME, {}, keyed(key))).data?.me.vehicles).toEqual([]);
      const car = await ownCar(t.database.db, other);
      // The same operation keeps its one view; any other request sees the new car.
      expect((await gql<Me>(t, as(other), ME, {}, keyed(key))).data?.me.vehicles).toEqual([]);
      expect((await gql<Me>(t, as(other), ME)).data?.me.vehicles).toEqual([{ vehicle: { plate: car.plate } }]);
      expect((await gql<Me>(t, as(other), ME, {}, keyed("44444444-aaaa-4bbb-8ccc-0123456789ab"))).data?.me.vehicles).toEqual([{ vehicle: { plate: car.plate } }]);
      expect(operationViewersOf(t.platform.deps).size).toBeGreaterThan(0);
    });
  });
}
