/**
 * Issue 12: on handleViolation's common path (an UNHANDLED violation the province's rules accept) the home
 * platform judges whether the citizen may see the violation within authorize (`checkViewer`), so the shard
 * asks once instead of twice (`/internal/access`, then `/internal/authorize`); someone else's violation still
 * answers exactly as an unknown ID (issue #10 §3, existence.test.ts) and nothing is reserved for it. Every
 * other path still asks the access check before it reveals anything, and a platform that ignores the flag
 * (an older one, during a rolling upgrade) is covered by the access check afterwards.
 * One engine (PGlite) is enough: the calls do not depend on the database.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handlings } from "../src/db/schema";
import { errorCode, handleViolation, violation } from "./flow";
import { citizen, officer51, otherCitizen, startTestShard, violationSeeder, type TestShard } from "./harness";

/** Only acct-1 (`citizen`) may see the suite's vehicles; acct-2 (`otherCitizen`) may not. */
const ownerOnly = (accountId: string, items: readonly unknown[]) => items.map(() => accountId === "acct-1");

describe("handleViolation: the viewer check within authorize (issue 12)", () => {
  let t: TestShard;
  let fresh: ReturnType<typeof violationSeeder>;
  beforeAll(async () => {
    t = await startTestShard({});
    fresh = violationSeeder(t, "V");
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.home.access = ownerOnly;
    t.home.ignoreCheckViewer = false;
    t.home.accessCalls.length = 0;
    t.home.authorizeCalls.length = 0;
    t.home.authorizeAnswers.length = 0;
    t.home.released.length = 0;
  });
  /** The calls the shard made to the home platform, in kinds: "access", "authorize+check", "authorize", "release". */
  const platformCalls = () => ({
    access: t.home.accessCalls.length,
    flagged: t.home.authorizeCalls.filter((c) => c.checkViewer === true).length,
    unflagged: t.home.authorizeCalls.filter((c) => c.checkViewer !== true).length,
    released: t.home.released.length,
  });

  it("the owner's handling asks the home platform once: authorize with checkViewer, no access call", async () => {
    const id = await fresh();
    const res = (await handleViolation(t, citizen, id, true, "hv-owner")).data!.handleViolation;
    expect(res).toMatchObject({ ok: true, violation: { status: "HANDLED_UNPAID" } });
    expect(platformCalls()).toEqual({ access: 0, flagged: 1, unflagged: 0, released: 0 });
    expect(t.home.authorizeAnswers).toEqual([expect.objectContaining({ approved: true, visible: true })]);
  });

  it("someone else's unhandled violation answers NOT_FOUND after one call, the hidden authorize, with nothing reserved", async () => {
    const id = await fresh();
    const reservations = t.home.reservations.size;
    expect(errorCode(await handleViolation(t, otherCitizen, id, true, "hv-stranger"))).toBe("NOT_FOUND");
    expect(errorCode(await handleViolation(t, otherCitizen, "5101009999999999", true, "hv-stranger-unknown"))).toBe("NOT_FOUND");
    expect(platformCalls()).toEqual({ access: 0, flagged: 1, unflagged: 0, released: 0 });
    expect(t.home.authorizeAnswers).toEqual([{ approved: false, visible: false }]);
    expect(t.home.reservations.size).toBe(reservations);
    expect((await violation(t, officer51, id)).data!.violation).toMatchObject({ status: "UNHANDLED", handling: null });
    // The owner may still handle it.
    expect((await handleViolation(t, citizen, id, true, "hv-stranger-owner")).data!.handleViolation.ok).toBe(true);
  });

  it("a province denial is told only after the access check: NOT_FOUND to someone else, the denials to the owner, no authorize", async () => {
    const id = await fresh();
    expect(errorCode(await handleViolation(t, otherCitizen, id, false, "hv-deny-stranger"))).toBe("NOT_FOUND");
    expect(platformCalls()).toEqual({ access: 1, flagged: 0, unflagged: 0, released: 0 });
    const res = (await handleViolation(t, citizen, id, false, "hv-deny-owner")).data!.handleViolation;
    expect(res.denials.map((d) => d.code)).toEqual(["NOTICE_NOT_ACCEPTED"]);
    expect(platformCalls()).toEqual({ access: 2, flagged: 0, unflagged: 0, released: 0 });
  });

  it("a handled violation (the due-revert path) is checked before anything: NOT_FOUND to someone else without reverting it", async () => {
    const id = await fresh();
    expect((await handleViolation(t, citizen, id, true, "hv-due-1")).data!.handleViolation.ok).toBe(true);
    t.clock.advance(2 * 3600_000 + 1000); // past payBy: due to revert (R-PAY-1)
    try {
      t.home.accessCalls.length = 0;
      t.home.authorizeCalls.length = 0;
      expect(errorCode(await handleViolation(t, otherCitizen, id, true, "hv-due-stranger"))).toBe("NOT_FOUND");
      expect(platformCalls()).toEqual({ access: 1, flagged: 0, unflagged: 0, released: 0 });
      // Reads show a due handling as unhandled already; the stranger's request did not revert it.
      expect((await t.shard.db.select().from(handlings).where(eq(handlings.violationId, id))).map((h) => h.state)).toEqual(["ACTIVE"]);
      // The owner's retry reverts it and handles it again: access checked first, so authorize is not flagged.
      const again = (await handleViolation(t, citizen, id, true, "hv-due-2")).data!.handleViolation;
      expect(again).toMatchObject({ ok: true, violation: { status: "HANDLED_UNPAID" } });
      expect(platformCalls()).toEqual({ access: 2, flagged: 0, unflagged: 1, released: 0 });
      expect(t.home.authorizeAnswers.at(-1)).not.toHaveProperty("visible");
    } finally {
      t.clock.set(new Date(t.clock.now().getTime() - (2 * 3600_000 + 1000)));
    }
  });

  describe("a home platform that ignores checkViewer (rolling upgrade)", () => {
    beforeEach(() => {
      t.home.ignoreCheckViewer = true;
    });

    it("the owner's handling is checked by the access call after authorize, and commits", async () => {
      const id = await fresh();
      expect((await handleViolation(t, citizen, id, true, "hv-old-owner")).data!.handleViolation.ok).toBe(true);
      expect(platformCalls()).toEqual({ access: 1, flagged: 1, unflagged: 0, released: 0 });
    });

    it("someone else's approval is released and answered NOT_FOUND, the violation left unhandled", async () => {
      const id = await fresh();
      expect(errorCode(await handleViolation(t, otherCitizen, id, true, "hv-old-stranger"))).toBe("NOT_FOUND");
      expect(platformCalls()).toEqual({ access: 1, flagged: 1, unflagged: 0, released: 1 });
      const handlingId = t.home.authorizeCalls[0]!.handlingId;
      expect(t.home.released).toEqual([handlingId]);
      expect(t.home.reservations.has(handlingId)).toBe(false);
      expect((await violation(t, officer51, id)).data!.violation).toMatchObject({ status: "UNHANDLED", handling: null });
    });

    it("an approval whose access check then fails is given back, and the client told to retry", async () => {
      const id = await fresh();
      t.home.access = () => {
        throw new Error("access store down");
      };
      expect(errorCode(await handleViolation(t, citizen, id, true, "hv-old-access-down"))).toBe("HOME_PLATFORM_UNAVAILABLE");
      expect(platformCalls()).toEqual({ access: 1, flagged: 1, unflagged: 0, released: 1 });
      const handlingId = t.home.authorizeCalls[0]!.handlingId;
      expect(t.home.reservations.has(handlingId)).toBe(false);
      expect((await violation(t, officer51, id)).data!.violation).toMatchObject({ status: "UNHANDLED", handling: null });
    });

    it("someone else's denial answers NOT_FOUND too, and nothing is released", async () => {
      const id = await fresh();
      const decide = t.home.decide;
      t.home.decide = () => ({ approved: false, denials: [{ code: "POINTS_WOULD_REACH_12", ruleId: "R-ELG-6", message: { zh: "记分将满12分", en: "points" } }] });
      try {
        expect(errorCode(await handleViolation(t, otherCitizen, id, true, "hv-old-denied"))).toBe("NOT_FOUND");
      } finally {
        t.home.decide = decide;
      }
      expect(platformCalls()).toEqual({ access: 1, flagged: 1, unflagged: 0, released: 0 });
    });
  });
});

describe("handleViolation without a viewer check (checkViewerAccess off)", () => {
  let t: TestShard;
  beforeAll(async () => {
    t = await startTestShard({ config: { checkViewerAccess: false } });
    t.home.access = ownerOnly;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("asks authorize without the flag and never the access check", async () => {
    const id = await violationSeeder(t, "W")();
    expect((await handleViolation(t, otherCitizen, id, true, "hv-off")).data!.handleViolation.ok).toBe(true);
    expect(t.home.accessCalls).toHaveLength(0);
    expect(t.home.authorizeCalls.map((c) => c.checkViewer)).toEqual([undefined]);
  });
});
