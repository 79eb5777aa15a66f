/**
 * handleViolation when the home platform's answer to authorize is lost after it reserved (docs/design.md
 * §4, ambiguous authorize): the shard releases the handling ID at once, so no reservation is left behind
 * (R-ELG-6, R-SYNC-1), and a client's retry with the same key is approved under the next handling ID.
 * The fake home platform behaves as the real one: a released handling ID is voided.
 */
import { CODES } from "@jg/errors";
import { testEngines } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handlings } from "../src/db/schema";
import { MAX_HANDLING_GENERATIONS } from "../src/handling/home-authorize";
import { errorCode, handleViolation, violation } from "./flow";
import { citizen, officer51, shardForSuite, violationSeeder } from "./harness";

for (const engine of testEngines()) {
  describe(`handleViolation with a lost authorize answer on ${engine.name}`, () => {
    const t = shardForSuite(engine);
    const fresh = violationSeeder(t, "L");
    /** The handling IDs the shard asked the home platform about for `id`, in order, without repeats. */
    const askedIds = (id: string) => [...new Set(t.home.authorizeCalls.filter((c) => c.violation.id === id).map((c) => c.handlingId))];
    /** The live (unsettled) reservations of `id` at the home platform. */
    const live = (id: string) => askedIds(id).filter((h) => t.home.reservations.has(h));
    const handlingRows = (id: string) => t.shard.db.select().from(handlings).where(eq(handlings.violationId, id));

    it("R-ELG-6 / R-SYNC-1: the reservation whose answer was lost is released; the retry with the same key is approved with exactly one live reservation", async () => {
      const id = await fresh();
      t.home.loseAuthorizeAnswers = 1;
      expect(errorCode(await handleViolation(t, citizen, id, true, "k-lost"))).toBe("HOME_PLATFORM_UNAVAILABLE");
      const [first] = askedIds(id);
      expect(t.home.released).toContain(first);
      expect(live(id)).toEqual([]);
      expect((await violation(t, officer51, id)).data!.violation!.status).toBe("UNHANDLED");

      const retry = (await handleViolation(t, citizen, id, true, "k-lost")).data!.handleViolation;
      expect(retry).toMatchObject({ ok: true, replayed: false });
      const rows = await handlingRows(id);
      expect(rows).toHaveLength(1);
      // The first ID was voided, so the retry asked under the next generation's, and only that one holds points.
      expect(askedIds(id)).toEqual([first, rows[0]!.id]);
      expect(live(id)).toEqual([rows[0]!.id]);
      expect(t.home.reservations.get(rows[0]!.id)).toBe(rows[0]!.reservationId);
      // A third call replays the stored answer and asks nothing.
      const calls = t.home.authorizeCalls.length;
      expect((await handleViolation(t, citizen, id, true, "k-lost")).data!.handleViolation).toMatchObject({ ok: true, replayed: true });
      expect(t.home.authorizeCalls.length).toBe(calls);
    });

    it("R-ELG-6 / R-SYNC-1: when the release fails too, the retry sends it again first and commits under the next ID (one live, none leaked)", async () => {
      const id = await fresh();
      t.home.loseAuthorizeAnswers = 1;
      t.home.refuseReleases = 1;
      expect(errorCode(await handleViolation(t, citizen, id, true, "k-lost-2"))).toBe("HOME_PLATFORM_UNAVAILABLE");
      const [first] = askedIds(id);
      expect(live(id)).toEqual([first]); // held: the release was refused (and logged)
      // A late copy of that release could still void `first` after a retry committed under it: the retry
      // releases it first, then asks under the next generation.
      expect((await handleViolation(t, citizen, id, true, "k-lost-2")).data!.handleViolation.ok).toBe(true);
      const rows = await handlingRows(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).not.toBe(first);
      expect(live(id)).toEqual([rows[0]!.id]);
    });

    it(`R-ELG-6 / R-SYNC-1: after ${MAX_HANDLING_GENERATIONS} lost answers under one key every handling ID is voided: the next call is refused, not retryable, without a reservation`, async () => {
      const id = await fresh();
      t.home.loseAuthorizeAnswers = MAX_HANDLING_GENERATIONS;
      for (let i = 0; i < MAX_HANDLING_GENERATIONS; i += 1) {
        expect(errorCode(await handleViolation(t, citizen, id, true, "k-lost-many"))).toBe("HOME_PLATFORM_UNAVAILABLE");
      }
      expect(askedIds(id)).toHaveLength(MAX_HANDLING_GENERATIONS);
      // The 9th attempt: asking again under this key can never succeed, so the answer says "use a new key"
      // (a 4xx refusal without extensions.retryAfter), not the retryable HOME_PLATFORM_UNAVAILABLE.
      const ninth = await handleViolation(t, citizen, id, true, "k-lost-many");
      expect(errorCode(ninth)).toBe("IDEMPOTENCY_KEY_EXHAUSTED");
      expect(ninth.errors![0]!.extensions).not.toHaveProperty("retryAfter");
      expect(CODES.IDEMPOTENCY_KEY_EXHAUSTED.httpStatus).toBeLessThan(500);
      expect(askedIds(id)).toHaveLength(MAX_HANDLING_GENERATIONS);
      expect(live(id)).toEqual([]);
      expect(await handlingRows(id)).toHaveLength(0);
      // A 10th attempt is refused the same, without asking the home platform again (the key is remembered).
      const asked = t.home.authorizeCalls.length;
      expect(errorCode(await handleViolation(t, citizen, id, true, "k-lost-many"))).toBe("IDEMPOTENCY_KEY_EXHAUSTED");
      expect(t.home.authorizeCalls.length).toBe(asked);
      // Another key starts afresh.
      expect((await handleViolation(t, citizen, id, true, "k-lost-other")).data!.handleViolation.ok).toBe(true);
      expect(live(id)).toHaveLength(1);
    });
  });
}
