/**
 * An ambiguous authorize (docs/design.md §4): the province did not get the answer, so it releases the
 * handling ID at once. With no reservation yet the release records a void settlement, and any later
 * authorize of that handling ID answers voided; release and authorize lock the same licence row, so
 * whichever runs second sees the other's work and no reservation is left unsettled (R-ELG-6, R-SYNC-1).
 */
import { randomUUID } from "node:crypto";
import { HOME_PLATFORM_SERVICE, RELEASE_PATH, type AuthorizeRequest, type AuthorizeResponse } from "@jg/handoff";
import { bearer, signServiceToken } from "@jg/identity";
import { postgresEngine, testEngines, whileTableLocked } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, pointsLedger } from "../src/db/schema";
import { authorize, authorizeRequest, deliver, gql, message, paidOf, platformForSuite, post, release } from "./flow";
import { shardSigner } from "./keys";
import { driver, ownCar } from "./people";

const cycleAt = new Date("2024-04-01T00:00:00+08:00");

if (!postgresEngine()) {
  describe("release racing authorize on PostgreSQL", () => {
    it.skip("needs TEST_DATABASE_URL: only a real server runs the two transactions in parallel", () => {});
  });
}

for (const engine of testEngines()) {
  describe(`release before, after and during authorize on ${engine.name}`, () => {
    const t = platformForSuite(engine);
    const db = () => t.database.db;
    /** The handling's ledger entries, as "KIND:points". */
    const entries = async (handlingId: string) =>
      (await db().select().from(pointsLedger).where(eq(pointsLedger.handlingId, handlingId))).map((e) => `${e.kind}:${e.points}`).sort();
    const fresh = async (name: string, points = 3): Promise<AuthorizeRequest> => {
      const me = await driver(db(), name, { points: 2, pointsAt: cycleAt });
      const car = await ownCar(db(), me);
      return authorizeRequest(me.id, { plate: car.plate, points });
    };

    it("R-ELG-6 / R-SYNC-1: a release before any authorize voids the handling ID: a later authorize answers voided and reserves nothing", async () => {
      const req = await fresh("先撤销");
      expect(await release(t, req)).toBe("voided");
      // A repeat is answered as the first was (an unknown ID's repeat must look like anyone else's: review B1).
      expect(await release(t, req)).toBe("voided");
      expect(await authorize(t, req)).toEqual({ approved: false, voided: true });
      expect(await entries(req.handlingId)).toEqual(["RELEASED:0"]);
      // Another handling ID of the same violation is decided as usual.
      expect(await authorize(t, { ...req, handlingId: randomUUID() })).toMatchObject({ approved: true, pointsBefore: 2, reservedBefore: 0 });
    });

    it("R-ELG-6 / R-SYNC-1: authorize, release, authorize again: the repeat is voided, not the remembered approval", async () => {
      const req = await fresh("再授权");
      expect(await authorize(t, req)).toMatchObject({ approved: true });
      expect(await release(t, req)).toBe("settled");
      expect(await authorize(t, req)).toEqual({ approved: false, voided: true });
      expect(await entries(req.handlingId)).toEqual(["RELEASED:0", "RESERVED:3"]);
    });

    it("a release names its violation: another province may not send it, and another violation's reservation is not touched", async () => {
      const req = await fresh("越权");
      expect((await authorize(t, req)).approved).toBe(true);
      const body = { handlingId: req.handlingId, accountId: req.accountId, violationId: req.violation.id, reason: "PROVINCE_ROLLBACK" };
      const as44 = bearer(await signServiceToken(HOME_PLATFORM_SERVICE, shardSigner("44"), t.clock.now()));
      expect((await post(t, RELEASE_PATH, body, as44)).status).toBe(403);
      // Signed by 44 about one of its own violations, but the handling's reservation is for 51's: answered
      // as a handling ID 44 never used is (R-ELG-6), and nothing is written.
      const own44 = { ...body, violationId: `44${req.violation.id.slice(2)}` };
      const unknown44 = { ...own44, handlingId: randomUUID() };
      expect((await post(t, RELEASE_PATH, own44)).json).toEqual((await post(t, RELEASE_PATH, unknown44)).json);
      expect((await post(t, RELEASE_PATH, { handlingId: req.handlingId, reason: "PROVINCE_ROLLBACK" })).status).toBe(400);
      expect(await entries(req.handlingId)).toEqual(["RESERVED:3"]);
    });

    it("R-ELG-6 / R-SYNC-1: another account may not release or void a handling ID whose authorization names someone else; answered as an unknown ID, nothing written", async () => {
      const req = await fresh("本人");
      const denied = authorizeRequest(req.accountId, { plate: req.violation.plate, points: 12 });
      const other = await fresh("他人");
      expect(await authorize(t, req)).toMatchObject({ approved: true });
      const deniedAnswer = await authorize(t, denied);
      expect(deniedAnswer).toMatchObject({ approved: false });
      /** A release by `other`'s account of `handlingId`, about `violationId` (the other's own by default). */
      const byOther = async (handlingId: string, violationId = other.violation.id) =>
        (await post<{ outcome: string }>(t, RELEASE_PATH, { handlingId, accountId: other.accountId, violationId, reason: "PROVINCE_ROLLBACK" })).json;
      const unknownId = randomUUID();
      const unknown = await byOther(unknownId);
      expect(unknown).toEqual({ released: true, outcome: "voided" });
      // Repeated, an unknown ID is answered the same, so a repeat cannot tell an unknown ID from another's.
      expect(await byOther(unknownId)).toEqual(unknown);
      // The approved handling, named with its own violation or the other's: the reservation stays held.
      expect(await byOther(req.handlingId, req.violation.id)).toEqual(unknown);
      expect(await byOther(req.handlingId)).toEqual(unknown);
      expect(await entries(req.handlingId)).toEqual(["RESERVED:3"]);
      // The denied handling (no reservation): no void is recorded, and its retry gets its first answer.
      expect(await byOther(denied.handlingId, denied.violation.id)).toEqual(unknown);
      expect(await byOther(denied.handlingId)).toEqual(unknown);
      expect(await entries(denied.handlingId)).toEqual([]);
      expect(await authorize(t, denied)).toEqual(deniedAnswer);
      expect(await authorize(t, req)).toMatchObject({ approved: true });
      // A handling ID that is only a void (its owner released it before any authorize): another's release is answered the same.
      const voidedFirst = await fresh("先撤");
      expect(await release(t, voidedFirst)).toBe("voided");
      expect(await byOther(voidedFirst.handlingId, voidedFirst.violation.id)).toEqual(unknown);
      expect(await byOther(voidedFirst.handlingId)).toEqual(unknown);
      expect(await entries(voidedFirst.handlingId)).toEqual(["RELEASED:0"]);
    });

    it("R-SYNC-2: a void leaves licence.asOf where it was, even a stranger's; a reservation, its release and a payment move it", async () => {
      const req = await fresh("作废日期");
      const someoneElse = await fresh("别人");
      type Licence = { asOf: string; points: number; reservedPoints: number };
      const licence = async () => {
        const res = await gql<{ me: { licence: Licence } }>(t, { kind: "CITIZEN", accountId: req.accountId }, "{ me { licence { asOf points reservedPoints } } }");
        if (!res.data) throw new Error(JSON.stringify(res.errors));
        return res.data.me.licence;
      };
      const licenceNumber = (await db().select().from(accounts).where(eq(accounts.id, req.accountId)))[0]!.idNumber;
      const voids = async () =>
        (await db().select().from(pointsLedger).where(eq(pointsLedger.licenceNumber, licenceNumber))).filter((e) => e.kind === "RELEASED" && e.points === 0).length;
      /** What a province sends after a flagged authorize by this account for someone else's violation timed out. */
      const strangersRelease = async () => {
        const body = { handlingId: randomUUID(), accountId: req.accountId, violationId: someoneElse.violation.id, reason: "AUTHORIZE_UNANSWERED" };
        expect((await post<{ outcome: string }>(t, RELEASE_PATH, body)).json).toEqual({ released: true, outcome: "voided" });
      };
      const later = () => {
        t.clock.advance(60_000);
        return t.clock.now().toISOString();
      };
      const start = await licence();
      later();
      await strangersRelease();
      expect(await voids()).toBe(1); // written under this licence, and not dating it
      expect(await licence()).toEqual(start);
      const reserved = later();
      expect(await authorize(t, req)).toMatchObject({ approved: true });
      expect(await licence()).toEqual({ ...start, reservedPoints: 3, asOf: reserved });
      later();
      await strangersRelease();
      expect(await voids()).toBe(2);
      expect(await licence()).toEqual({ ...start, reservedPoints: 3, asOf: reserved });
      const released = later();
      expect(await release(t, req)).toBe("settled");
      expect(await licence()).toEqual({ ...start, asOf: released });
      later();
      await strangersRelease();
      expect(await licence()).toEqual({ ...start, asOf: released });
      const paidReq = authorizeRequest(req.accountId, { plate: req.violation.plate, points: 1 });
      expect(await authorize(t, paidReq)).toMatchObject({ approved: true });
      const paid = later();
      expect(await deliver(t, message("violation.paid", paidOf(paidReq, t.clock.now())))).toBe("processed");
      expect(await licence()).toEqual({ ...start, points: start.points + 1, asOf: paid });
    });

    it("R-ELG-6 / R-SYNC-1: a release racing an authorize of the same handling leaves reserved+released or a void, never an unsettled reservation", async () => {
      for (let round = 0; round < 3; round += 1) {
        const req = await fresh(`并发撤销${round}`);
        const both = () => Promise.all([authorize(t, req), release(t, req)]);
        // On PostgreSQL both requests stand at the ledger (or the licence lock) before either commits.
        const [answer, outcome] = (t.databaseUrl ? await whileTableLocked(t.databaseUrl, { table: "points_ledger", waiting: 2 }, both) : await both()) as [
          AuthorizeResponse,
          string,
        ];
        if (answer.approved) {
          expect(outcome).toBe("settled");
          expect(await entries(req.handlingId)).toEqual(["RELEASED:0", "RESERVED:3"]);
        } else {
          expect(answer).toEqual({ approved: false, voided: true });
          expect(outcome).toBe("voided");
          expect(await entries(req.handlingId)).toEqual(["RELEASED:0"]);
        }
      }
    });
  });
}
