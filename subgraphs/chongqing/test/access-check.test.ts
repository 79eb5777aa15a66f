/**
 * The internal access check province shards ask before showing a violation (docs/design.md §8, R-ELG-7):
 * who it allows and when, and that it costs one statement per batch.
 */
import { testEngines } from "@jg/service-kit/testing";
import { ACCESS_PATH } from "@jg/handoff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess, createAccessBatcher } from "../src/handoff/access.service";
import { accounts, leases, vehicles, type AccountRow, type VehicleRow } from "../src/db/schema";
import { accessOfPeople, covers, personOf } from "../src/vehicles/vehicle-access";
import { seedFiling, seedPartner } from "../src/seed";
import { access, post, startTestPlatform, type TestPlatform } from "./flow";
import { leaseTo, seedAccessWorld } from "./access-world";
import { companyCar, driver } from "./people";

for (const engine of testEngines()) {
  describe(`access check on ${engine.name}`, () => {
    let t: TestPlatform;
    let alice: AccountRow, filer: AccountRow, lessee: AccountRow;
    let aliceCar: VehicleRow, bobCar: VehicleRow, fleetCar: VehicleRow;

    beforeAll(async () => {
      t = await startTestPlatform(engine, undefined, { webhooks: { relay: false } }); // no background relay polls in the SQL counts
      ({ alice, filer, lessee, aliceCar, bobCar, fleetCar } = await seedAccessWorld(t.database.db));
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    it("the access check allows the owner, a filed driver and a lessee during the lease, and refuses everyone else", async () => {
      const at = t.clock.now();
      const plates = [aliceCar.plate, bobCar.plate, fleetCar.plate];
      expect(await access(t, alice.id, plates, at)).toEqual({ [aliceCar.plate]: true, [bobCar.plate]: false, [fleetCar.plate]: false });
      expect(await access(t, filer.id, plates, at)).toEqual({ [aliceCar.plate]: false, [bobCar.plate]: true, [fleetCar.plate]: false });
      expect((await access(t, lessee.id, [fleetCar.plate], at))[fleetCar.plate]).toBe(true);
      expect((await access(t, lessee.id, [fleetCar.plate], new Date("2024-06-03T00:00:00+08:00")))[fleetCar.plate]).toBe(false);
      expect(await access(t, "no-such-account", [aliceCar.plate], at)).toEqual({ [aliceCar.plate]: false });
    });

    it("R-ELG-7: the access check judges each violation at its occurrence time, so a past lessee still sees the lease period's", async () => {
      const now = t.clock.now();
      t.clock.set("2024-07-01T00:00:00+08:00");
      try {
        const items = [
          { plate: fleetCar.plate, occurredAt: "2024-05-31T10:00:00+08:00" },
          { plate: fleetCar.plate, occurredAt: "2024-05-29T23:59:59+08:00" },
          { plate: fleetCar.plate, occurredAt: "2024-06-03T00:00:00+08:00" },
          { plate: aliceCar.plate, occurredAt: "2024-05-31T10:00:00+08:00" },
          { plate: fleetCar.plate, occurredAt: "2024-05-30T00:00:00+08:00" },
        ];
        const res = await post<{ allowed: boolean[] }>(t, ACCESS_PATH, { accountId: lessee.id, items });
        expect(res.status).toBe(200);
        expect(res.json.allowed).toEqual([true, false, false, false, true]);
      } finally {
        t.clock.set(now);
      }
    });

    it("the access check: a temporary driver of a lease sees its period only; a released filing and a company's car give nothing", async () => {
      const db = t.database.db;
      const temp = await driver(db, "Temp");
      const released = await driver(db, "Released");
      const partner = await seedPartner(db, { companyName: "租车丙", creditCode: "91500000MA5U0000PC", apiKey: "pc" });
      const car = await companyCar(db, partner.creditCode, { useNature: "G" });
      await leaseTo(db, alice, { partnerId: partner.id, plate: car.plate }, ["2024-07-01T00:00:00+08:00", "2024-07-05T00:00:00+08:00"], [temp]);
      await seedFiling(db, { accountId: released.id, plate: aliceCar.plate, status: "RELEASED", effectiveAt: new Date("2024-01-01T00:00:00+08:00") });
      const items = [
        { plate: car.plate, occurredAt: "2024-07-02T10:00:00+08:00" },
        { plate: car.plate, occurredAt: "2024-07-05T00:00:00+08:00" },
        { plate: car.plate, occurredAt: "2024-06-30T23:59:59+08:00" },
      ];
      expect((await post<{ allowed: boolean[] }>(t, ACCESS_PATH, { accountId: temp.id, items })).json.allowed).toEqual([true, false, false]);
      const released_ = await post<{ allowed: boolean[] }>(t, ACCESS_PATH, { accountId: released.id, items: [{ plate: aliceCar.plate, occurredAt: "2024-05-01T10:00:00+08:00" }] });
      expect(released_.json.allowed).toEqual([false]);
      // A violation of an unknown plate, and of a plate asked twice, each get their own answer in order.
      const mixed = await post<{ allowed: boolean[] }>(t, ACCESS_PATH, {
        accountId: alice.id,
        items: [{ plate: "渝Z00000", occurredAt: "2024-05-01T10:00:00+08:00" }, ...items.slice(0, 1), { plate: aliceCar.plate, occurredAt: "2020-01-01T00:00:00+08:00" }],
      });
      expect(mixed.json.allowed).toEqual([false, true, true]);
    });

    it("R-ELG-7: the one-statement access check answers exactly as the relations Vehicle.violations lists by (accessOfPeople + covers)", async () => {
      // Every account × every vehicle × instants around every lease's edges (and one far in the past):
      // the access SQL is a second statement of the rule, so it is pinned to the first on all of them.
      const db = t.database.db;
      const everyone = await db.select().from(accounts);
      const plates = (await db.select({ plate: vehicles.plate }).from(vehicles)).map((v) => v.plate);
      const edges = (await db.select({ from: leases.startsAt, to: leases.endsAt }).from(leases)).flatMap((l) => [l.from, l.to]);
      const instants = [new Date("2000-01-01T00:00:00Z"), ...edges.flatMap((e) => [new Date(e.getTime() - 1000), e, new Date(e.getTime() + 1000)])];
      const items = plates.flatMap((plate) => instants.map((at) => ({ plate, occurredAt: at.toISOString() })));
      expect(everyone.length).toBeGreaterThan(3);
      expect(edges.length).toBeGreaterThan(1);
      let allowedSeen = 0;
      for (const account of everyone) {
        const relations = (await accessOfPeople(db, [personOf(account)], plates)).get(account.id) ?? [];
        const expected = items.map((item) => relations.some((r) => r.plate === item.plate && covers(r, new Date(item.occurredAt))));
        expect((await checkAccess(db, { accountId: account.id, items })).allowed, account.id).toEqual(expected);
        allowedSeen += expected.filter(Boolean).length;
      }
      expect(allowedSeen).toBeGreaterThan(0);
    });

    it("R-ELG-7: access checks arriving together share one statement, each answered for its own account only", async () => {
      const db = t.database.db;
      const everyone = await db.select().from(accounts);
      const plates = (await db.select({ plate: vehicles.plate }).from(vehicles)).map((v) => v.plate);
      const edges = (await db.select({ from: leases.startsAt }).from(leases)).map((l) => l.from);
      const instants = [new Date("2000-01-01T00:00:00Z"), ...edges.map((e) => new Date(e.getTime() + 1000))];
      const items = plates.flatMap((plate) => instants.map((at) => ({ plate, occurredAt: at.toISOString() })));
      const requests = [...everyone.map((a) => ({ accountId: a.id, items })), { accountId: "no-such-account", items }];
      const alone = [];
      for (const req of requests) alone.push(await checkAccess(db, req));
      expect(new Set(alone.map((a) => JSON.stringify(a))).size, "the accounts see different things").toBeGreaterThan(2);
      const batched = createAccessBatcher(db);
      t.database.queries.reset();
      const together = await Promise.all(requests.map((req) => batched(req)));
      expect(together).toEqual(alone);
      expect(t.database.queries.count).toBe(Math.ceil(requests.length / 20));
    });

    it("accessOfPeople (the access loader behind `me` and eligibility) is one SQL statement per batch, with or without plates", async () => {
      const db = t.database.db;
      const everyone = (await db.select().from(accounts)).map(personOf);
      const plates = (await db.select({ plate: vehicles.plate }).from(vehicles)).map((v) => v.plate);
      for (const batch of [[everyone[0]!], everyone]) {
        for (const only of [undefined, plates]) {
          t.database.queries.reset();
          const byAccount = await accessOfPeople(db, batch, only);
          expect(t.database.queries.count).toBe(1);
          expect(byAccount.size).toBe(batch.length);
        }
      }
    });

    it("the access check refuses a malformed request (the old plates-at-one-instant shape) with BAD_USER_INPUT naming the field", async () => {
      const res = await post<{ error?: string; message?: string; allowed?: unknown }>(t, ACCESS_PATH, { accountId: alice.id, plates: [aliceCar.plate], at: new Date().toISOString() });
      expect(res.status).toBe(400);
      expect(res.json.error).toBe("BAD_USER_INPUT");
      expect(res.json.message).toContain("items");
      expect(res.json.allowed).toBeUndefined();
    });
  });
}
