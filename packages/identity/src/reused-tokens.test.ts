import { describe, expect, it } from "vitest";
import { accessStatements, ACCESS_STATEMENT_REUSE_MS, ACCESS_STATEMENT_TTL_SECONDS, verifyAccessStatement, type AccessStatement } from "./access-statement";
import { reusedTokens } from "./reused-tokens";
import { directory, keysOf } from "./test-keys";

describe("reusedTokens (issue 12)", () => {
  it("signs once per key while the token is young, again once it is half-way through its life or the clock went back", async () => {
    let now = new Date("2026-11-24T02:00:00Z");
    const signed: string[] = [];
    const token = reusedTokens(
      async (audience: string, at) => {
        signed.push(`${audience}@${at.toISOString()}`);
        return `${audience}:${at.getTime()}`;
      },
      { ttlSeconds: 60 },
    );
    const first = await token("home-platform", now);
    expect(await token("home-platform", now)).toBe(first);
    expect(await token("province-51", now)).not.toBe(first);
    expect(signed).toHaveLength(2);
    now = new Date(now.getTime() + 29_000);
    expect(await token("home-platform", now)).toBe(first);
    now = new Date(now.getTime() + 1_000);
    expect(await token("home-platform", now)).not.toBe(first);
    now = new Date(now.getTime() - 3_600_000);
    await token("home-platform", now);
    expect(signed).toHaveLength(4);
  });

  it("never reuses past half the lifetime, whatever reuseMs asks, and keys an object by its JSON unless told", async () => {
    const at = new Date("2026-11-24T02:00:00Z");
    let n = 0;
    const token = reusedTokens(async (key: { a: number }) => `${key.a}#${(n += 1)}`, { ttlSeconds: 10, reuseMs: 60_000 });
    const first = await token({ a: 1 }, at);
    expect(await token({ a: 1 }, new Date(at.getTime() + 4_999))).toBe(first);
    expect(await token({ a: 1 }, new Date(at.getTime() + 5_000))).not.toBe(first);
    expect(await token({ a: 2 }, at)).toBe("2#3");
  });

  it("does not keep a failed signature, and forgets every key when it holds maxEntries", async () => {
    let calls = 0;
    const at = new Date();
    const token = reusedTokens(
      async (key: string) => {
        calls += 1;
        if (calls === 1) throw new Error("no key");
        return `${key}#${calls}`;
      },
      { ttlSeconds: 60, maxEntries: 2 },
    );
    await expect(token("a", at)).rejects.toThrow("no key");
    expect(await token("a", at)).toBe("a#2");
    expect(await token("b", at)).toBe("b#3");
    expect(await token("a", at)).toBe("a#2");
    await token("c", at); // full: everything held is forgotten
    expect(await token("a", at)).toBe("a#5");
  });
});

describe("accessStatements: the platform's statements reused (issue 12, docs/design.md §4)", () => {
  const platform = keysOf("home-platform").signer;
  const now = new Date("2026-03-01T08:00:00Z");
  const lease: AccessStatement = { accountId: "acc-1", plate: "渝A12345", periods: [[Date.parse("2026-01-01T00:00:00Z"), null]] };

  it("hands out one token per statement within the reuse window, valid for a query plan after it", async () => {
    const sign = accessStatements(platform);
    const first = await sign(lease, now);
    const later = new Date(now.getTime() + ACCESS_STATEMENT_REUSE_MS - 1);
    expect(await sign({ ...lease, periods: [[Date.parse("2026-01-01T00:00:00Z"), null]] }, later)).toBe(first);
    // The reused token still verifies at the end of the window plus the rest of a plan's round trips.
    const stillValid = new Date(now.getTime() + ACCESS_STATEMENT_TTL_SECONDS * 1000 - 1_000);
    expect(await verifyAccessStatement(first, directory, stillValid)).toEqual(lease);
    expect(await sign(lease, new Date(now.getTime() + ACCESS_STATEMENT_REUSE_MS))).not.toBe(first);
  });

  it("signs another statement for another account, plate or periods: a reused token never says more than was decided", async () => {
    const sign = accessStatements(platform);
    const first = await sign(lease, now);
    const others: AccessStatement[] = [
      { ...lease, accountId: "acc-2" },
      { ...lease, plate: "渝A99999" },
      { ...lease, periods: [[Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-02-01T00:00:00Z")]] },
      { ...lease, periods: "ALL" },
    ];
    for (const other of others) {
      const token = await sign(other, now);
      expect(token).not.toBe(first);
      expect(await verifyAccessStatement(token, directory, now)).toEqual(other);
    }
  });
});
