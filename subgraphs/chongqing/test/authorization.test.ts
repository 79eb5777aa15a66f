/**
 * Who may see what (docs/design.md §8), tried across accounts: every refusal is seen. Also
 * `Violation.eligibility` for the viewer; the internal access check is in access-check.test.ts.
 */
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../src/handoff/access.service";
import type { AccountRow, VehicleRow } from "../src/db/schema";
import { authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform, type TestPlatform } from "./flow";
import { violationRepresentation } from "./violation-representation";
import { seedAccessWorld } from "./access-world";
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
      t = await startTestPlatform(engine, undefined, { webhooks: { relay: false } }); // no background relay polls in the SQL counts below
      ({ alice, bob, filer, lessee, aliceCar, bobCar, fleetCar, otherFleetCar, partnerId } = await seedAccessWorld(t.database.db));
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
      // Issue 12: the same statement listed again seconds later is the same token (signed once, verified
      // once by each shard process; a fresh one would carry the later issue time).
      const listedAt = t.clock.now();
      t.clock.set(new Date(listedAt.getTime() + 3_000));
      try {
        const again = await gql<Res>(t, asCitizen(lessee), query, { plate: fleetCar.plate });
        expect(new Set(again.data!.vehicle.violations.map((v) => v.accessStatement))).toEqual(statements);
      } finally {
        t.clock.set(listedAt);
      }
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

    describe("Violation.eligibility", () => {
      const rep = violationRepresentation;
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
        await count(1); // a first request also loads what the process keeps (the earlier tests of the file did this before the split)
        expect(await count(10)).toBe(await count(1));
      });
    });
  });
}
