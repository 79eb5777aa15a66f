/**
 * Who may see what (docs/design.md §8), tried across accounts: every refusal is seen. Also the internal access
 * check province shards ask before showing a violation, and `Violation.eligibility` for the viewer.
 */
import { testEngines } from "@jg/service-kit/testing";
import { ACCESS_PATH } from "@jg/handoff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess, createAccessBatcher } from "../src/handoff/access.service";
import { accounts, leases, vehicles, type AccountRow, type VehicleRow } from "../src/db/schema";
import { accessOfPeople, covers, personOf } from "../src/vehicles/vehicle-access";
import { seedFiling, seedLease, seedPartner } from "../src/seed";
import { access, post, authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform, violationId, type TestPlatform } from "./flow";
import { companyCar, driver, ownCar } from "./people";
import { statementCovers, verifyAccessStatement } from "@jg/identity";
import { DIRECTORY } from "./keys";

const VEHICLE = "query($plate: String!) { vehicle(plate: $plate) { plate plateType useNature state states } }";
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Violation { id eligibility { allowed denials { code ruleId message } } }
  ... on Account { id name }
  ... on Vehicle { plate } } }`;

for (const engine of testEngines()) {
  describe(`authorization on ${engine.name}`, () => {
    let t: TestPlatform;
    let alice: AccountRow, bob: AccountRow, filer: AccountRow, lessee: AccountRow;
    let aliceCar: VehicleRow, bobCar: VehicleRow, fleetCar: VehicleRow, otherFleetCar: VehicleRow;
    let partnerId: string;
    const asCitizen = (a: AccountRow) => ({ kind: "CITIZEN" as const, accountId: a.id });

    beforeAll(async () => {
      t = await startTestPlatform(engine);
      const db = t.database.db;
      alice = await driver(db, "Alice");
      bob = await driver(db, "Bob");
      filer = await driver(db, "Filer");
      lessee = await driver(db, "Lessee");
      aliceCar = await ownCar(db, alice);
      bobCar = await ownCar(db, bob);
      await seedFiling(db, { accountId: filer.id, plate: bobCar.plate, effectiveAt: new Date("2024-01-01T00:00:00+08:00") });
      const partner = await seedPartner(db, { companyName: "租车甲", creditCode: "91500000MA5U0000PA", apiKey: "pa" });
      const other = await seedPartner(db, { companyName: "租车乙", creditCode: "91500000MA5U0000PB", apiKey: "pb" });
      partnerId = partner.id;
      fleetCar = await companyCar(db, partner.creditCode, { useNature: "G" });
      otherFleetCar = await companyCar(db, other.creditCode, { useNature: "G" });
      await seedLease(db, {
        partnerId: partner.id,
        plate: fleetCar.plate,
        lesseeIdNumber: lessee.idNumber,
        lesseeName: lessee.name,
        startsAt: new Date("2024-05-30T00:00:00+08:00"),
        endsAt: new Date("2024-06-03T00:00:00+08:00"),
      });
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    it("a citizen reads their own account, licence and vehicles (R-FIL-1: own cars attached without filing)", async () => {
      const res = await gql<{ me: { id: string; licence: { number: string }; vehicles: { relation: string; vehicle: { plate: string } }[] } }>(
        t,
        asCitizen(alice),
        "{ me { id licence { number } vehicles { relation vehicle { plate } } } }",
      );
      expect(res.data?.me).toEqual({ id: alice.id, licence: { number: alice.idNumber }, vehicles: [{ relation: "OWNER", vehicle: { plate: aliceCar.plate } }] });
    });

    it("lists a filed vehicle and a lease on the account with their relation and period", async () => {
      const filed = await gql<{ me: { vehicles: { relation: string; vehicle: { plate: string } }[]; filings: { status: string }[] } }>(
        t,
        asCitizen(filer),
        "{ me { vehicles { relation vehicle { plate } } filings { status } } }",
      );
      expect(filed.data?.me).toEqual({ vehicles: [{ relation: "FILED", vehicle: { plate: bobCar.plate } }], filings: [{ status: "ACTIVE" }] });
      const leased = await gql<{ me: { vehicles: { relation: string; until: string }[] } }>(t, asCitizen(lessee), "{ me { vehicles { relation until } } }");
      expect(leased.data?.me.vehicles).toEqual([{ relation: "LESSEE", until: "2024-06-02T16:00:00.000Z" }]);
    });

    it("shows citizen A another citizen's vehicle as an unknown plate (null, issue #10 §3), and refuses B's account through _entities", async () => {
      expect(await gql(t, asCitizen(alice), VEHICLE, { plate: bobCar.plate })).toEqual({ data: { vehicle: null } });
      expect(await gql(t, asCitizen(alice), VEHICLE, { plate: "渝Z99999" })).toEqual({ data: { vehicle: null } });
      const entity = await gql(t, asCitizen(alice), ENTITIES, { reps: [{ __typename: "Account", id: bob.id }] });
      expect(codeOf(entity)).toBe("FORBIDDEN");
      const vehicleEntity = await gql<{ _entities: unknown[] }>(t, asCitizen(alice), ENTITIES, { reps: [{ __typename: "Vehicle", plate: bobCar.plate }] });
      expect(vehicleEntity.data?._entities).toEqual([null]);
    });

    it("lets the owner, a filed driver and a lessee during the lease read a vehicle, with its codes", async () => {
      const own = await gql<{ vehicle: unknown }>(t, asCitizen(alice), VEHICLE, { plate: aliceCar.plate });
      expect(own.data?.vehicle).toEqual({ plate: aliceCar.plate, plateType: "SMALL_CAR", useNature: "A", state: "A", states: ["A"] });
      expect((await gql<{ vehicle: { plate: string } }>(t, asCitizen(filer), VEHICLE, { plate: bobCar.plate })).data?.vehicle.plate).toBe(bobCar.plate);
      expect((await gql<{ vehicle: { plate: string } }>(t, asCitizen(lessee), VEHICLE, { plate: fleetCar.plate })).data?.vehicle.plate).toBe(fleetCar.plate);
    });

    it("refuses a lessee the car once the lease has ended", async () => {
      const now = t.clock.now();
      t.clock.set("2024-06-03T00:00:00+08:00");
      try {
        expect(await gql(t, asCitizen(lessee), VEHICLE, { plate: fleetCar.plate })).toEqual({ data: { vehicle: null } });
      } finally {
        t.clock.set(now);
      }
    });

    it("R-ELG-7: a lessee lists only the violations of the lease period; the partner lists all of its car's", async () => {
      const during = authorizeRequest(lessee.id, { plate: fleetCar.plate, occurredAt: "2024-05-31T10:00:00+08:00" });
      const before = authorizeRequest(lessee.id, { plate: fleetCar.plate, occurredAt: "2024-05-20T10:00:00+08:00" });
      await deliver(t, message("violation.recorded", recordedOf(during)));
      await deliver(t, message("violation.recorded", recordedOf(before)));
      const query = "query($plate: String!) { vehicle(plate: $plate) { violations { id } } }";
      type Res = { vehicle: { violations: { id: string }[] } };
      const asLessee = await gql<Res>(t, asCitizen(lessee), query, { plate: fleetCar.plate });
      expect(asLessee.data?.vehicle.violations.map((v) => v.id)).toEqual([during.violation.id]);
      const partner = { kind: "PARTNER" as const, partnerId, companyId: "91500000MA5U0000PA" };
      const asPartner = await gql<Res>(t, partner, query, { plate: fleetCar.plate });
      expect(asPartner.data?.vehicle.violations.map((v) => v.id)).toEqual([during.violation.id, before.violation.id]);
    });

    it("R-ELG-7, issue 11: each listed violation carries the platform's signed access statement for the viewer and the vehicle, stating what /internal/access would answer", async () => {
      const query = "query($plate: String!) { vehicle(plate: $plate) { violations { id accessStatement } } }";
      type Res = { vehicle: { violations: { id: string; accessStatement: string | null }[] } };
      const asLessee = await gql<Res>(t, asCitizen(lessee), query, { plate: fleetCar.plate });
      const listed = asLessee.data!.vehicle.violations;
      expect(listed.length).toBeGreaterThan(0);
      const statements = new Set(listed.map((v) => v.accessStatement));
      expect(statements.size).toBe(1);
      const statement = await verifyAccessStatement([...statements][0]!, DIRECTORY, t.clock.now());
      expect(statement).toEqual({
        accountId: lessee.id,
        plate: fleetCar.plate,
        periods: [[Date.parse("2024-05-30T00:00:00+08:00"), Date.parse("2024-06-03T00:00:00+08:00")]],
      });
      // It answers as the access check does, at each instant around the lease.
      for (const at of ["2024-05-20T10:00:00+08:00", "2024-05-30T00:00:00+08:00", "2024-05-31T10:00:00+08:00", "2024-06-03T00:00:00+08:00"]) {
        const { allowed } = await checkAccess(t.database.db, { accountId: lessee.id, items: [{ plate: fleetCar.plate, occurredAt: at }] });
        expect(statementCovers(statement, lessee.id, fleetCar.plate, new Date(at))).toBe(allowed[0]);
      }
      // Only citizens get one: a partner's list carries none (the shards do not check partners).
      const partner = { kind: "PARTNER" as const, partnerId, companyId: "91500000MA5U0000PA" };
      const asPartner = await gql<Res>(t, partner, query, { plate: fleetCar.plate });
      expect(asPartner.data!.vehicle.violations.map((v) => v.accessStatement)).toEqual(asPartner.data!.vehicle.violations.map(() => null));
    });

    it("a partner reads only its own fleet", async () => {
      const partner = { kind: "PARTNER" as const, partnerId, companyId: "91500000MA5U0000PA" };
      expect((await gql<{ vehicle: { plate: string } }>(t, partner, VEHICLE, { plate: fleetCar.plate })).data?.vehicle.plate).toBe(fleetCar.plate);
      expect(await gql(t, partner, VEHICLE, { plate: otherFleetCar.plate })).toEqual({ data: { vehicle: null } });
      expect(await gql(t, partner, VEHICLE, { plate: aliceCar.plate })).toEqual({ data: { vehicle: null } });
      expect(codeOf(await gql(t, partner, "{ me { id } }"))).toBe("FORBIDDEN");
    });

    it("an officer reads any vehicle but has no account", async () => {
      const officer = { kind: "OFFICER" as const, officerId: "police-1", provinceCode: "50" };
      expect((await gql<{ vehicle: { plate: string } }>(t, officer, VEHICLE, { plate: bobCar.plate })).data?.vehicle.plate).toBe(bobCar.plate);
      expect(codeOf(await gql(t, officer, "{ me { id } }"))).toBe("FORBIDDEN");
    });

    it("refuses an anonymous request and a forged identity header (UNAUTHENTICATED)", async () => {
      expect(codeOf(await gql(t, null, "{ me { id } }"))).toBe("UNAUTHENTICATED");
      const res = await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-jg-identity": "eyJhbGciOiJIUzI1NiJ9.e30.forged" },
        body: JSON.stringify({ query: "{ me { id } }" }),
      });
      expect(codeOf((await res.json()) as { errors?: { extensions?: { code?: string } }[] })).toBe("UNAUTHENTICATED");
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
      await seedLease(db, {
        partnerId: partner.id,
        plate: car.plate,
        lesseeIdNumber: alice.idNumber,
        lesseeName: alice.name,
        startsAt: new Date("2024-07-01T00:00:00+08:00"),
        endsAt: new Date("2024-07-05T00:00:00+08:00"),
        drivers: [{ idNumber: temp.idNumber, name: temp.name }],
      });
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

    describe("Violation.eligibility", () => {
      const rep = (plate: string, overrides: Record<string, unknown> = {}) => ({
        __typename: "Violation",
        id: violationId("51"),
        plate,
        occurredAt: "2024-05-20T10:00:00+08:00",
        points: 3,
        fineYuan: 200,
        source: "CAMERA",
        status: "UNHANDLED",
        warningOnly: false,
        province: { code: "51", platformOpen: true },
        ...overrides,
      });
      type Answer = { _entities: { eligibility: { allowed: boolean; denials: { code: string; ruleId: string; message: string }[] } }[] };

      it("allows the owner to handle a camera-recorded small fine", async () => {
        const res = await gql<Answer>(t, asCitizen(alice), ENTITIES, { reps: [rep(aliceCar.plate)] });
        expect(res.data?._entities[0]?.eligibility).toEqual({ allowed: true, denials: [] });
      });

      it("lists every denial with its rule ID: another's car (R-ELG-1a), a fine over 200 (R-ELG-1e), on-site (R-ELG-1f), a closed platform (R-ELG-1d)", async () => {
        const r = rep(bobCar.plate, { fineYuan: 300, source: "ON_SITE", province: { code: "51", platformOpen: false } });
        const res = await gql<Answer>(t, asCitizen(alice), ENTITIES, { reps: [r] });
        const denials = res.data?._entities[0]?.eligibility.denials.map((d) => `${d.ruleId}:${d.code}`);
        expect(denials?.sort()).toEqual(["R-ELG-1a:NOT_DRIVERS_VEHICLE", "R-ELG-1d:PLATFORM_CLOSED", "R-ELG-1e:FINE_OVER_200", "R-ELG-1f:NOT_CAMERA_RECORDED"]);
      });

      it("answers messages in the request's language", async () => {
        const headers = { "content-type": "application/json", "accept-language": "en-US,en;q=0.9" };
        const { signIdentity } = await import("@jg/identity");
        const { EDGE } = await import("./flow");
        const identity = await signIdentity(asCitizen(alice), { signer: EDGE, now: t.clock.now() });
        const res = await fetch(`${t.url}/graphql`, {
          method: "POST",
          headers: { ...headers, "x-jg-identity": identity },
          body: JSON.stringify({ query: ENTITIES, variables: { reps: [rep(bobCar.plate)] } }),
        });
        const body = (await res.json()) as { data: Answer };
        expect(body.data._entities[0]?.eligibility.denials[0]?.message).toBe("This vehicle is not in your name, nor filed by you or leased to you");
      });

      it("is refused to callers that are not citizens", async () => {
        const officer = { kind: "OFFICER" as const, officerId: "police-2", provinceCode: "51" };
        expect(codeOf(await gql(t, officer, ENTITIES, { reps: [rep(aliceCar.plate)] }))).toBe("FORBIDDEN");
      });

      it("costs the same SQL for one violation as for ten (loaders batch)", async () => {
        const count = async (n: number) => {
          t.database.queries.reset();
          const reps = Array.from({ length: n }, () => rep(aliceCar.plate));
          const res = await gql<Answer>(t, asCitizen(alice), ENTITIES, { reps });
          expect(res.data?._entities).toHaveLength(n);
          return t.database.queries.count;
        };
        expect(await count(10)).toBe(await count(1));
      });
    });
  });
}
