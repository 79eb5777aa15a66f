/**
 * The home side of "authorize" (docs/design.md §4 step 2) through the internal API: each home-owned rule of
 * R-ELG approves and denies as the manual says, and an approval reserves the points idempotently.
 */
import { rowsOf } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedFiling, seedLease, seedPartner } from "../src/seed";
import { authorize, authorizeRequest, platformForSuite, postRaw } from "./flow";
import { companyCar, driver, ownCar } from "./people";

const codes = (res: Awaited<ReturnType<typeof authorize>>) => ("denials" in res ? res.denials.map((d) => `${d.ruleId}:${d.code}`) : []);

for (const engine of testEngines()) {
  describe(`authorize on ${engine.name}`, () => {
    const t = platformForSuite(engine);
    const db = () => t.database.db;

    it("R-ELG-1a: approves the owner of a small non-operating car and reserves the points", async () => {
      const me = await driver(db(), "张三", { points: 2, pointsAt: new Date("2024-04-01T00:00:00+08:00") });
      const car = await ownCar(db(), me);
      const res = await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 3 }));
      expect(res).toMatchObject({ approved: true, pointsBefore: 2, reservedBefore: 0 });
    });

    it("approves in three SQL statements, and answers a repeat from the stored authorization in two (issue 12)", async () => {
      const me = await driver(db(), "预算");
      const car = await ownCar(db(), me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 2 });
      await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 1 })); // prepared statements are built once
      // The platform's webhook relay polls in the background: its statements are not the request's.
      const ours = () => t.database.queries.recorded.filter((q) => !q.includes('"webhook_deliveries"'));
      t.database.queries.reset();
      t.database.queries.record();
      const first = await authorize(t, req);
      expect(first).toMatchObject({ approved: true });
      // The account with its licence locked; in one statement settled? with the stored answer, the vehicle,
      // the relations and the ledger's totals with this violation's reservations elsewhere; the reservation
      // with the answer.
      const shapes = ours().map((q) => [q.trim().split(/\s+/)[0], ...[...q.matchAll(/(?:from|into|update|join) "?(\w+)"?/g)].map((m) => m[1])].join(" "));
      expect(shapes).toHaveLength(3);
      expect(shapes[0]).toMatch(/^select accounts licences/);
      expect(shapes.at(-1)).toMatch(/^with points_ledger .*authorizations/);
      // The stored answer names the reservation the ledger holds.
      const [stored] = rowsOf<{ response: { reservationId: string } }>(await db().execute(sql`select response from authorizations where handling_id = ${req.handlingId}`));
      const [reserved] = rowsOf<{ id: string }>(await db().execute(sql`select id::text as id from points_ledger where handling_id = ${req.handlingId} and kind = 'RESERVED'`));
      expect(stored!.response).toEqual({ ...first, reservationId: reserved!.id });
      t.database.queries.reset();
      expect(await authorize(t, req)).toEqual(first);
      expect(ours()).toHaveLength(2);
    });

    it("R-ELG-1a: denies a driver who neither owns, files nor leases the vehicle", async () => {
      const owner = await driver(db(), "车主");
      const other = await driver(db(), "路人");
      const car = await ownCar(db(), owner);
      expect(codes(await authorize(t, authorizeRequest(other.id, { plate: car.plate })))).toEqual(["R-ELG-1a:NOT_DRIVERS_VEHICLE"]);
    });

    it("R-ELG-1a: denies a vehicle that is not a small car (large car, plate type 01)", async () => {
      const me = await driver(db(), "李四");
      const car = await ownCar(db(), me, { plateType: "01" });
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-1a:VEHICLE_NOT_SMALL_CAR"]);
    });

    it("R-ELG-1b: denies an operating vehicle (use nature D, taxi)", async () => {
      const me = await driver(db(), "王五");
      const car = await ownCar(db(), me, { useNature: "D" });
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-1b:VEHICLE_OPERATING"]);
    });

    it("R-ELG-1c: denies a stolen vehicle (state C) even among other states", async () => {
      const me = await driver(db(), "赵六");
      const car = await ownCar(db(), me, { states: ["G", "C"] });
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-1c:VEHICLE_STATE_BLOCKS"]);
    });

    it("R-ELG-2: denies handling a filed company car under the standard policy, approves it under the epidemic policy", async () => {
      const me = await driver(db(), "孙七");
      const car = await companyCar(db(), "91500000MA5U000001");
      await seedFiling(db(), { accountId: me.id, plate: car.plate, method: "COMPANY_SMS", effectiveAt: new Date("2020-02-20T00:00:00+08:00") });
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-2:COMPANY_VEHICLE_NOT_ALLOWED"]);
      const now = t.clock.now();
      t.clock.set("2020-03-01T10:00:00+08:00");
      try {
        const res = await authorize(t, authorizeRequest(me.id, { plate: car.plate, occurredAt: "2020-02-25T10:00:00+08:00" }));
        expect(res.approved).toBe(true);
      } finally {
        t.clock.set(now);
      }
    });

    it("R-ELG-2: a filed motorcycle is refused under the standard policy and allowed under the epidemic policy; an owned one never", async () => {
      const me = await driver(db(), "摩托");
      const owner = await driver(db(), "摩托车主");
      const filedBike = await ownCar(db(), owner, { plateType: "07" });
      const ownBike = await ownCar(db(), me, { plateType: "07" });
      await seedFiling(db(), { accountId: me.id, plate: filedBike.plate, effectiveAt: new Date("2020-02-20T00:00:00+08:00") });
      const occurredAt = "2020-02-25T10:00:00+08:00";
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: filedBike.plate, occurredAt })))).toEqual(["R-ELG-1a:VEHICLE_NOT_SMALL_CAR"]);
      const now = t.clock.now();
      t.clock.set("2020-03-01T10:00:00+08:00");
      try {
        expect((await authorize(t, authorizeRequest(me.id, { plate: filedBike.plate, occurredAt }))).approved).toBe(true);
        expect(codes(await authorize(t, authorizeRequest(me.id, { plate: ownBike.plate, occurredAt })))).toEqual(["R-ELG-1a:VEHICLE_NOT_SMALL_CAR"]);
      } finally {
        t.clock.set(now);
      }
    });

    it("R-ELG-3: a filed car's violation at the very instant the filing took effect is covered; one a second earlier is not", async () => {
      const me = await driver(db(), "周八");
      const owner = await driver(db(), "车主二");
      const car = await ownCar(db(), owner);
      const effective = new Date("2024-05-01T10:00:00+08:00");
      await seedFiling(db(), { accountId: me.id, plate: car.plate, effectiveAt: effective });
      expect((await authorize(t, authorizeRequest(me.id, { plate: car.plate, occurredAt: effective.toISOString() }))).approved).toBe(true);
      const before = new Date(effective.getTime() - 1000).toISOString();
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate, occurredAt: before })))).toEqual(["R-ELG-3:BEFORE_FILING"]);
      // A violation with no points is not bound by the filing time.
      expect((await authorize(t, authorizeRequest(me.id, { plate: car.plate, occurredAt: before, points: 0 }))).approved).toBe(true);
    });

    it("R-ELG-3E: under the epidemic policy a filed car's violation from before the filing may be handled", async () => {
      const me = await driver(db(), "吴九");
      const owner = await driver(db(), "车主三");
      const car = await ownCar(db(), owner);
      await seedFiling(db(), { accountId: me.id, plate: car.plate, effectiveAt: new Date("2020-03-01T00:00:00+08:00") });
      const now = t.clock.now();
      t.clock.set("2020-03-10T10:00:00+08:00");
      try {
        const res = await authorize(t, authorizeRequest(me.id, { plate: car.plate, occurredAt: "2020-02-20T10:00:00+08:00" }));
        expect(res.approved).toBe(true);
      } finally {
        t.clock.set(now);
      }
    });

    it("R-FIL-2 release: a released filing gives no right to handle", async () => {
      const me = await driver(db(), "郑十");
      const owner = await driver(db(), "车主四");
      const car = await ownCar(db(), owner);
      await seedFiling(db(), { accountId: me.id, plate: car.plate, status: "RELEASED", effectiveAt: new Date("2024-01-01T00:00:00+08:00") });
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-1a:NOT_DRIVERS_VEHICLE"]);
    });

    it("R-ELG-4: denies a licence in a blocking state (D 暂扣), listing it even with other states", async () => {
      const me = await driver(db(), "钱一", { states: ["H", "D"] });
      const car = await ownCar(db(), me);
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-4:LICENCE_STATE_BLOCKS"]);
    });

    it("R-ELG-4: denies a driver with no licence", async () => {
      const me = await driver(db(), "无证", null);
      const car = await ownCar(db(), me);
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate })))).toEqual(["R-ELG-4:NO_LICENCE"]);
    });

    it("R-ELG-5: denies a driver who reached 12 points 3 times in this cycle; 2 times in this cycle or 3 in the last are fine", async () => {
      const three = await driver(db(), "满分三次", { fullScoreCountInCycle: 3, fullScoreCycleStart: "2024-03-01" });
      const two = await driver(db(), "满分两次", { fullScoreCountInCycle: 2, fullScoreCycleStart: "2024-03-01" });
      const old = await driver(db(), "上周期三次", { fullScoreCountInCycle: 3, fullScoreCycleStart: "2023-03-01" });
      for (const [who, expected] of [[three, ["R-ELG-5:FULL_SCORE_3_TIMES"]], [two, []], [old, []]] as const) {
        const car = await ownCar(db(), who);
        expect(codes(await authorize(t, authorizeRequest(who.id, { plate: car.plate })))).toEqual(expected);
      }
    });

    it("R-ELG-6: 10 points + a 1-point violation is approved; 11 + 1 reaches 12 and is denied", async () => {
      const at = new Date("2024-04-01T00:00:00+08:00");
      const ten = await driver(db(), "十分", { points: 10, pointsAt: at });
      const eleven = await driver(db(), "十一分", { points: 11, pointsAt: at });
      const tenCar = await ownCar(db(), ten);
      const elevenCar = await ownCar(db(), eleven);
      expect((await authorize(t, authorizeRequest(ten.id, { plate: tenCar.plate, points: 1 }))).approved).toBe(true);
      expect(codes(await authorize(t, authorizeRequest(eleven.id, { plate: elevenCar.plate, points: 1 })))).toEqual([
        "R-ELG-6:POINTS_WOULD_REACH_12",
      ]);
    });

    it("R-ELG-6: points of the previous scoring cycle do not count", async () => {
      const me = await driver(db(), "旧分", { points: 11, pointsAt: new Date("2024-02-01T00:00:00+08:00") });
      const car = await ownCar(db(), me);
      expect((await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 3 }))).approved).toBe(true);
    });

    it("R-ELG-6: reserved points count, so a second handling that would reach 12 is denied", async () => {
      const me = await driver(db(), "预留", { points: 6, pointsAt: new Date("2024-04-01T00:00:00+08:00") });
      const car = await ownCar(db(), me);
      expect((await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 3 }))).approved).toBe(true);
      const second = await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 3 }));
      expect(codes(second)).toEqual(["R-ELG-6:POINTS_WOULD_REACH_12"]);
    });

    it("R-ELG-6, R-DUP-1 (issue #10 §6): a second handling of the SAME violation is not refused for points its first reservation holds", async () => {
      const me = await driver(db(), "同一违法", { points: 6, pointsAt: new Date("2024-04-01T00:00:00+08:00") });
      const car = await ownCar(db(), me);
      const first = authorizeRequest(me.id, { plate: car.plate, points: 3 });
      expect((await authorize(t, first)).approved).toBe(true);
      // Same violation, another handling (another idempotency key): 6 + 3 is the only due, not 6 + 3 + 3.
      const second = await authorize(t, authorizeRequest(me.id, { ...first.violation, plate: car.plate }));
      expect(second.approved ? [] : codes(second)).toEqual([]);
      // A different violation still counts the reservation (R-ELG-6).
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 3 })))).toEqual(["R-ELG-6:POINTS_WOULD_REACH_12"]);
    });

    it("R-ELG-7: a lessee and a temporary driver may handle a camera violation during the lease, not one after it", async () => {
      const partner = await seedPartner(db(), { companyName: "重庆租车", creditCode: "91500000MA5U000002", apiKey: "key-1" });
      const lessee = await driver(db(), "承租人");
      const temp = await driver(db(), "临时驾驶人");
      const car = await companyCar(db(), partner.creditCode, { useNature: "G" });
      await seedLease(db(), {
        partnerId: partner.id,
        plate: car.plate,
        lesseeIdNumber: lessee.idNumber,
        lesseeName: lessee.name,
        startsAt: new Date("2024-05-01T00:00:00+08:00"),
        endsAt: new Date("2024-05-04T00:00:00+08:00"),
        drivers: [{ idNumber: temp.idNumber, name: temp.name }],
      });
      const during = "2024-05-02T09:00:00+08:00";
      const after = "2024-05-04T00:00:00+08:00";
      expect((await authorize(t, authorizeRequest(lessee.id, { plate: car.plate, occurredAt: during }))).approved).toBe(true);
      expect((await authorize(t, authorizeRequest(temp.id, { plate: car.plate, occurredAt: during }))).approved).toBe(true);
      expect(codes(await authorize(t, authorizeRequest(lessee.id, { plate: car.plate, occurredAt: after })))).toEqual(["R-ELG-7:OUTSIDE_LEASE"]);
      expect(codes(await authorize(t, authorizeRequest(temp.id, { plate: car.plate, occurredAt: during, source: "ON_SITE" })))).toEqual([
        "R-ELG-7:LEASE_NOT_CAMERA_RECORDED",
      ]);
    });

    it("answers a repeated authorize with the first answer and reserves once", async () => {
      const me = await driver(db(), "重试", { points: 3, pointsAt: new Date("2024-04-01T00:00:00+08:00") });
      const car = await ownCar(db(), me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 6 });
      const first = await authorize(t, req);
      const second = await authorize(t, req);
      expect(second).toEqual(first);
      expect(first).toMatchObject({ approved: true, pointsBefore: 3, reservedBefore: 0 });
      // Only one reservation of 6: a different handling of 3 would reach 12 (3 + 6 + 3).
      expect(codes(await authorize(t, authorizeRequest(me.id, { plate: car.plate, points: 2 })))).toEqual([]);
    });

    it("refuses the same handling ID reused for another violation (IDEMPOTENCY_KEY_REUSED)", async () => {
      const me = await driver(db(), "复用");
      const car = await ownCar(db(), me);
      const req = authorizeRequest(me.id, { plate: car.plate });
      await authorize(t, req);
      const reused = authorizeRequest(me.id, { plate: car.plate }, req.handlingId);
      await expect(authorize(t, reused)).rejects.toThrow(/409/);
    });

    it.skipIf(engine.name !== "postgres")(
      "two accounts racing on one handling ID (PostgreSQL only; PGlite serializes): one approved, the other IDEMPOTENCY_KEY_REUSED, never a 500",
      async () => {
        for (let i = 0; i < 10; i++) {
          const [a, b] = [await driver(db(), `竞${i}甲`), await driver(db(), `竞${i}乙`)];
          const [carA, carB] = [await ownCar(db(), a), await ownCar(db(), b)];
          const first = authorizeRequest(a.id, { plate: carA.plate });
          const second = authorizeRequest(b.id, { plate: carB.plate }, first.handlingId);
          const outcomes = await Promise.allSettled([authorize(t, first), authorize(t, second)]);
          const approved = outcomes.filter((o) => o.status === "fulfilled" && "approved" in o.value && o.value.approved);
          const refused = outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason));
          expect(approved).toHaveLength(1);
          expect(refused).toHaveLength(1);
          expect(refused[0]).toMatch(/409/);
        }
      },
    );

    it("refuses a call without a valid service token, and malformed input", async () => {
      const me = await driver(db(), "令牌");
      const car = await ownCar(db(), me);
      const req = authorizeRequest(me.id, { plate: car.plate });
      expect((await postRaw(t, "/internal/authorize", req, "Bearer forged.token.value")).status).toBe(401);
      expect((await postRaw(t, "/internal/authorize", req, "")).status).toBe(401);
      await expect(authorize(t, { ...req, violation: { ...req.violation, points: -1 } })).rejects.toThrow(/400/);
    });
  });
}
