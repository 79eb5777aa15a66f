/**
 * Issue 12: a citizen's payFine of their own handling asks the home platform nothing (the platform judged
 * at authorize that they may see the violation, and the decision was made out to them: their record,
 * docs/design.md §8); every other citizen is asked about first, so someone else's violation still answers
 * exactly as an unknown ID (issue #10 §3, existence.test.ts) and a viewer who did not handle it is told
 * FORBIDDEN. One engine (PGlite) is enough: the calls do not depend on the database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { errorCode, handleViolation, payFine } from "./flow";
import { bank, citizen, otherCitizen, startTestShard, violationSeeder, type TestShard } from "./harness";

describe("payFine: the viewer check (R-OPS-2: the handler confirms payment of their own handling; issue 12)", () => {
  let t: TestShard;
  let fresh: ReturnType<typeof violationSeeder>;
  /** A fresh violation handled by `citizen` (acct-1). */
  const handled = async (key: string): Promise<string> => {
    const id = await fresh();
    expect((await handleViolation(t, citizen, id, true, `h-${key}`)).data!.handleViolation.ok).toBe(true);
    t.home.accessCalls.length = 0;
    return id;
  };
  beforeAll(async () => {
    t = await startTestShard({});
    fresh = violationSeeder(t, "P");
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.home.access = (_accountId, items) => items.map(() => true);
    t.home.accessCalls.length = 0;
  });

  it("the handler pays their own handling without an access call", async () => {
    const id = await handled("own");
    expect((await payFine(t, citizen, id, "APP", "pv-own")).data!.payFine).toMatchObject({ ok: true, violation: { status: "PAID" } });
    expect(t.home.accessCalls).toHaveLength(0);
  });

  it("the handler pays their own handling after losing sight of the vehicle (a filing revoked after handling)", async () => {
    const id = await handled("revoked");
    t.home.access = (_accountId, items) => items.map(() => false);
    expect((await payFine(t, citizen, id, "APP", "pv-revoked")).data!.payFine).toMatchObject({ ok: true, violation: { status: "PAID" } });
    expect(t.home.accessCalls).toHaveLength(0);
  });

  it("someone else is asked about first: NOT_FOUND without sight of the vehicle, FORBIDDEN with it", async () => {
    const id = await handled("other");
    t.home.access = (accountId, items) => items.map(() => accountId === "acct-1");
    expect(errorCode(await payFine(t, otherCitizen, id, "APP", "pv-stranger"))).toBe("NOT_FOUND");
    expect(errorCode(await payFine(t, otherCitizen, "5101009999999999", "APP", "pv-unknown"))).toBe("NOT_FOUND");
    t.home.access = (_accountId, items) => items.map(() => true);
    expect(errorCode(await payFine(t, otherCitizen, id, "APP", "pv-viewer"))).toBe("FORBIDDEN");
    expect(t.home.accessCalls.map((c) => c.accountId)).toEqual(["acct-2", "acct-2"]);
  });

  it("an unhandled violation is asked about first, even by the one who will handle it", async () => {
    const id = await fresh();
    t.home.access = (_accountId, items) => items.map(() => false);
    expect(errorCode(await payFine(t, citizen, id, "APP", "pv-unhandled-hidden"))).toBe("NOT_FOUND");
    t.home.access = (_accountId, items) => items.map(() => true);
    const res = (await payFine(t, citizen, id, "APP", "pv-unhandled")).data!.payFine;
    expect(res.denials.map((d) => d.code)).toEqual(["NOT_YET_HANDLED"]);
    expect(t.home.accessCalls).toHaveLength(2);
  });

  it("a bank pays any handling without an access call", async () => {
    const id = await handled("bank");
    expect((await payFine(t, bank, id, "BANK_COUNTER", "pv-bank")).data!.payFine.ok).toBe(true);
    expect(t.home.accessCalls).toHaveLength(0);
  });
});
