/**
 * Authorize with `checkViewer` (issue 12, docs/design.md §4 step 2): the home platform judges first whether
 * the account may see the violation, as `/internal/access` does, so a shard's handleViolation asks once
 * instead of twice. Someone else's violation is answered hidden (`{ approved: false, visible: false }`) with
 * nothing written; a visible one gets the usual answer with `visible: true`; without the flag, nothing changes.
 */
import { AUTHORIZE_PATH } from "@jg/handoff";
import { rowsOf } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../src/handoff/access.service";
import { accounts, leases, vehicles, type AccountRow, type VehicleRow } from "../src/db/schema";
import { seedAccessWorld } from "./access-world";
import { authorize, authorizeRequest, post, release, startTestPlatform, type TestPlatform } from "./flow";
import { driver } from "./people";

const HIDDEN = { approved: false, visible: false };

for (const engine of testEngines()) {
  describe(`authorize with checkViewer on ${engine.name}`, () => {
    let t: TestPlatform;
    let alice: AccountRow, bob: AccountRow, filer: AccountRow, lessee: AccountRow;
    let aliceCar: VehicleRow, bobCar: VehicleRow, fleetCar: VehicleRow;
    
    beforeAll(async () => {
      t = await startTestPlatform(engine, undefined, { webhooks: { relay: false } });
      ({ alice, bob, filer, lessee, aliceCar, bobCar, fleetCar } = await seedAccessWorld(t.database.db));
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    /** What the platform holds under a handling ID: its stored authorization and its ledger rows. */
    const written = async (handlingId: string) => {
      const [row] = rowsOf<{ n: number }>(
        await t.database.db.execute(
          sql`select (select count(*) from authorizations where handling_id = ${handlingId})::int + (select count(*) from points_ledger where handling_id = ${handlingId})::int as n`,
        ),
      );
      return Number(row!.n);
    };
    const flagged = (accountId: string, v: Parameters<typeof authorizeRequest>[1], handlingId?: string) => ({
      ...authorizeRequest(accountId, v, handlingId),
      checkViewer: true,
    });

    it("someone else's violation is hidden, and nothing is written; asked again, still hidden", async () => {
      const req = flagged(bob.id, { plate: aliceCar.plate, points: 1 });
      expect(await authorize(t, req)).toEqual(HIDDEN);
      expect(await authorize(t, req)).toEqual(HIDDEN);
      expect(await written(req.handlingId)).toBe(0);
      // An account without a relation at all, an unknown account, and an unregistered plate: hidden too.
      const stranger = await driver(t.database.db, "Stranger");
      for (const r of [flagged(stranger.id, { plate: bobCar.plate }), flagged("no-such-account", { plate: aliceCar.plate }), flagged(alice.id, { plate: "渝Z99999" })]) {
        expect(await authorize(t, r)).toEqual(HIDDEN);
        expect(await written(r.handlingId)).toBe(0);
      }
    });

    it("the owner, a filed driver and a lessee during the lease see it: the usual answer with visible: true", async () => {
      const owner = await authorize(t, flagged(alice.id, { plate: aliceCar.plate, points: 1 }));
      expect(owner).toMatchObject({ approved: true, visible: true });
      const filed = await authorize(t, flagged(filer.id, { plate: bobCar.plate, points: 1 }));
      expect(filed).toMatchObject({ visible: true });
      const during = await authorize(t, flagged(lessee.id, { plate: fleetCar.plate, points: 1, occurredAt: "2024-05-31T10:00:00+08:00" }));
      expect(during).toMatchObject({ visible: true });
      // The lessee does not see the same car's violation after the lease, judged at its occurrence time (R-ELG-7).
      expect(await authorize(t, flagged(lessee.id, { plate: fleetCar.plate, points: 1, occurredAt: "2024-06-03T00:00:00+08:00" }))).toEqual(HIDDEN);
    });

    it("a visible denial carries visible: true; the stored answer has no visible, and without the flag nothing changes", async () => {
      const big = await authorize(t, flagged(alice.id, { plate: aliceCar.plate, points: 12 }));
      expect(big).toMatchObject({ approved: false, visible: true, denials: [expect.objectContaining({ ruleId: "R-ELG-6" })] });

      // Unflagged: someone else's violation is decided (denied, R-ELG-1a), as before, with no `visible`.
      const stranger = await authorize(t, authorizeRequest(bob.id, { plate: aliceCar.plate }));
      expect(stranger).toEqual({ approved: false, denials: [expect.objectContaining({ code: "NOT_DRIVERS_VEHICLE", ruleId: "R-ELG-1a" })] });
      const plain = authorizeRequest(alice.id, { plate: aliceCar.plate, points: 1 });
      const approval = await authorize(t, plain);
      expect(approval).toMatchObject({ approved: true });
      expect(approval).not.toHaveProperty("visible");
      const [stored] = rowsOf<{ response: object }>(await t.database.db.execute(sql`select response from authorizations where handling_id = ${plain.handlingId}`));
      expect(stored!.response).toEqual(approval);
      // The same handling asked again with the flag: the stored answer, marked visible; to someone else, hidden.
      expect(await authorize(t, { ...plain, checkViewer: true })).toEqual({ ...approval, visible: true });
      expect(await authorize(t, { ...plain, checkViewer: false })).toEqual(approval);
    });

    it("a settled handling answers voided with visible: true to its viewer; the viewer check comes first", async () => {
      const req = flagged(alice.id, { plate: aliceCar.plate, points: 1 });
      expect(await authorize(t, req)).toMatchObject({ approved: true, visible: true });
      expect(await release(t, req)).toBeTruthy();
      expect(await authorize(t, req)).toEqual({ approved: false, voided: true, visible: true });
      // Someone else asking under that settled handling ID: hidden, before the settlement (or the ID's owner) is told.
      expect(await authorize(t, { ...req, accountId: bob.id })).toEqual(HIDDEN);
      // Without the flag, as before: the ID is another account's (IDEMPOTENCY_KEY_REUSED).
      expect((await post<{ error: string }>(t, AUTHORIZE_PATH, { ...req, accountId: bob.id, checkViewer: false })).json.error).toBe("IDEMPOTENCY_KEY_REUSED");
    });

    it("R-ELG-7: visible exactly when /internal/access allows, for every account, vehicle and instant around the leases' edges", async () => {
      const db = t.database.db;
      const everyone = await db.select().from(accounts);
      const plates = (await db.select({ plate: vehicles.plate }).from(vehicles)).map((v) => v.plate);
      const edges = (await db.select({ from: leases.startsAt, to: leases.endsAt }).from(leases)).flatMap((l) => [l.from, l.to]);
      const instants = [new Date("2000-01-01T00:00:00Z"), ...edges.flatMap((e) => [new Date(e.getTime() - 1000), e])];
      const items = plates.flatMap((plate) => instants.map((at) => ({ plate, occurredAt: at.toISOString() })));
      let visibleSeen = 0;
      for (const account of everyone) {
        const { allowed } = await checkAccess(db, { accountId: account.id, items });
        const visible: boolean[] = [];
        for (const item of items) {
          const answer = await authorize(t, flagged(account.id, { plate: item.plate, points: 0, occurredAt: item.occurredAt }));
          visible.push(answer.visible === true);
          if (answer.visible !== true) expect(answer).toEqual(HIDDEN);
        }
        expect(visible, account.id).toEqual(allowed);
        visibleSeen += allowed.filter(Boolean).length;
      }
      expect(visibleSeen).toBeGreaterThan(0);
      expect(visibleSeen).toBeLessThan(everyone.length * items.length);
    });
  });
}
