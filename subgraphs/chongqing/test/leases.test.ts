/**
 * Rental partners' leases (R-ELG-7) through the GraphQL API as PARTNER identities: own fleet only,
 * period checks, no overlap, idempotent writes, cancellation, and the authorize path seeing the lessee
 * during the lease and not after.
 */
import { testEngines, whileTableLocked } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PartnerRow, VehicleRow } from "../src/db/schema";
import { seedPartner } from "../src/seed";
import { authorize, authorizeRequest, gql, startTestPlatform, type TestPlatform } from "./flow";
import { companyCar, driver, idNumber } from "./people";

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const WRITE = `mutation($input: WriteLeaseInput!) { writeLease(input: $input) { id plate lessee { idNumber name } temporaryDrivers { idNumber } startsAt endsAt } }`;
const CANCEL = "mutation($id: ID!) { cancelLease(id: $id) }";
const FLEET = "{ partnerFleet { plate leases { id startsAt } } }";

type Lease = { id: string; plate: string; lessee: { idNumber: string; name: string }; temporaryDrivers: { idNumber: string }[] };
let keys = 0;
const key = () => `lease-key-${++keys}-${Date.now()}`;

for (const engine of testEngines()) {
  describe(`leases on ${engine.name}`, () => {
    let t: TestPlatform;
    let partner: PartnerRow, other: PartnerRow;
    let car: VehicleRow, otherCar: VehicleRow;
    const as = (p: PartnerRow) => ({ kind: "PARTNER" as const, partnerId: p.id, companyId: p.creditCode });

    beforeAll(async () => {
      t = await startTestPlatform(engine, "2024-06-01T10:00:00+08:00");
      const db = t.database.db;
      partner = await seedPartner(db, { companyName: "租车甲", creditCode: "91500000MA5UL0000A", apiKey: "ka" });
      other = await seedPartner(db, { companyName: "租车乙", creditCode: "91500000MA5UL0000B", apiKey: "kb" });
      car = await companyCar(db, partner.creditCode, { useNature: "G" });
      otherCar = await companyCar(db, other.creditCode, { useNature: "G" });
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    const input = (over: Record<string, unknown> = {}) => ({
      plate: car.plate,
      lesseeIdNumber: idNumber(),
      lesseeName: "承租人",
      temporaryDrivers: [],
      start: "2024-06-10T00:00:00+08:00",
      end: "2024-06-12T00:00:00+08:00",
      idempotencyKey: key(),
      ...over,
    });

    it("R-ELG-7: a partner writes a lease for its own car; the key makes it idempotent; other data under the key is refused", async () => {
      const lease = input({ start: "2024-07-01T00:00:00+08:00", end: "2024-07-03T00:00:00+08:00", temporaryDrivers: [{ idNumber: idNumber(), name: "临时" }] });
      const first = (await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: lease })).data!.writeLease;
      expect(first).toMatchObject({ plate: car.plate, lessee: { idNumber: lease.lesseeIdNumber, name: "承租人" } });
      expect(first.temporaryDrivers).toHaveLength(1);
      const again = (await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: lease })).data!.writeLease;
      expect(again.id).toBe(first.id);
      expect(codeOf(await gql(t, as(partner), WRITE, { input: { ...lease, lesseeName: "别人" } }))).toBe("IDEMPOTENCY_KEY_REUSED");
    });

    it("R-ELG-7: overlapping leases of one car are refused, back-to-back ones are not", async () => {
      await gql(t, as(partner), WRITE, { input: input({ start: "2024-08-01T00:00:00+08:00", end: "2024-08-05T00:00:00+08:00" }) });
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ start: "2024-08-04T00:00:00+08:00", end: "2024-08-06T00:00:00+08:00" }) }))).toBe("LEASE_OVERLAP");
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ start: "2024-07-30T00:00:00+08:00", end: "2024-08-10T00:00:00+08:00" }) }))).toBe("LEASE_OVERLAP");
      const next = await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: input({ start: "2024-08-05T00:00:00+08:00", end: "2024-08-06T00:00:00+08:00" }) });
      expect(next.data?.writeLease.plate).toBe(car.plate);
    });

    it("R-ELG-7: the period must be in order, at most 90 days and not wholly past; inputs are validated", async () => {
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ start: "2024-09-02T00:00:00+08:00", end: "2024-09-01T00:00:00+08:00" }) }))).toBe("LEASE_PERIOD_INVALID");
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ start: "2024-09-01T00:00:00+08:00", end: "2024-12-01T00:00:00+08:00" }) }))).toBe("LEASE_PERIOD_INVALID");
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ start: "2024-05-01T00:00:00+08:00", end: "2024-05-02T00:00:00+08:00" }) }))).toBe("LEASE_PERIOD_INVALID");
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ lesseeIdNumber: null, lesseeName: null }) }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ lesseeIdNumber: "123" }) }))).toBe("BAD_USER_INPUT");
    });

    it("R-ELG-7 authorization: another partner's car is not in the fleet, citizens and anonymous callers cannot write, the fleet lists only one's own", async () => {
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ plate: otherCar.plate }) }))).toBe("VEHICLE_NOT_IN_FLEET");
      expect(codeOf(await gql(t, as(partner), WRITE, { input: input({ plate: "渝Z00000" }) }))).toBe("VEHICLE_NOT_IN_FLEET");
      const citizen = await driver(t.database.db, "市民");
      expect(codeOf(await gql(t, { kind: "CITIZEN", accountId: citizen.id }, WRITE, { input: input() }))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, null, WRITE, { input: input() }))).toBe("UNAUTHENTICATED");
      const mine = await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: input({ start: "2024-10-01T00:00:00+08:00", end: "2024-10-02T00:00:00+08:00" }) });
      const fleet = (await gql<{ partnerFleet: { plate: string; leases: { id: string }[] }[] }>(t, as(other), FLEET)).data!.partnerFleet;
      expect(fleet.map((f) => f.plate)).toEqual([otherCar.plate]);
      expect(fleet[0]!.leases).toEqual([]);
      expect(codeOf(await gql(t, as(other), CANCEL, { id: mine.data!.writeLease.id }))).toBe("NOT_FOUND");
      const own = (await gql<{ partnerFleet: { plate: string; leases: { id: string }[] }[] }>(t, as(partner), FLEET)).data!.partnerFleet;
      expect(own[0]!.leases.map((l) => l.id)).toContain(mine.data!.writeLease.id);
    });

    it("R-ELG-7: cancelling a lease before it starts frees the period; a started lease stays", async () => {
      const lease = (await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: input({ start: "2024-11-01T00:00:00+08:00", end: "2024-11-03T00:00:00+08:00" }) })).data!.writeLease;
      expect((await gql<{ cancelLease: boolean }>(t, as(partner), CANCEL, { id: lease.id })).data!.cancelLease).toBe(true);
      expect((await gql<{ cancelLease: boolean }>(t, as(partner), CANCEL, { id: lease.id })).data!.cancelLease).toBe(true);
      expect((await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: input({ start: "2024-11-01T00:00:00+08:00", end: "2024-11-03T00:00:00+08:00" }) })).data?.writeLease).toBeTruthy();
      const started = (await gql<{ writeLease: Lease }>(t, as(partner), WRITE, { input: input({ start: "2024-06-01T08:00:00+08:00", end: "2024-06-02T08:00:00+08:00" }) })).data!.writeLease;
      expect(codeOf(await gql(t, as(partner), CANCEL, { id: started.id }))).toBe("BAD_USER_INPUT");
    });

    it("R-ELG-7: a lessee written through the API may handle the car's camera violations during the lease, not after (OUTSIDE_LEASE)", async () => {
      const lessee = await driver(t.database.db, "API承租人");
      const temp = await driver(t.database.db, "API临时驾驶人");
      const rental = await companyCar(t.database.db, partner.creditCode, { useNature: "G" });
      const written = await gql<{ writeLease: Lease }>(t, as(partner), WRITE, {
        input: input({ plate: rental.plate, lesseeIdNumber: null, lesseeName: null, lesseeAccountId: lessee.id, temporaryDrivers: [{ idNumber: temp.idNumber, name: temp.name }], start: "2024-06-05T00:00:00+08:00", end: "2024-06-08T00:00:00+08:00" }),
      });
      expect(written.data!.writeLease.lessee.idNumber).toBe(lessee.idNumber);
      const during = "2024-06-06T09:00:00+08:00";
      expect((await authorize(t, authorizeRequest(lessee.id, { plate: rental.plate, occurredAt: during }))).approved).toBe(true);
      expect((await authorize(t, authorizeRequest(temp.id, { plate: rental.plate, occurredAt: during }))).approved).toBe(true);
      const after = await authorize(t, authorizeRequest(lessee.id, { plate: rental.plate, occurredAt: "2024-06-08T00:00:00+08:00" }));
      expect("denials" in after ? after.denials.map((d) => `${d.ruleId}:${d.code}`) : []).toEqual(["R-ELG-7:OUTSIDE_LEASE"]);
    });

    it.skipIf(engine.name === "pglite")(
      "R-ELG-7 under concurrency (PostgreSQL only; PGlite's single connection serializes): parallel overlapping writes for one car leave one lease",
      async () => {
        const rental = await companyCar(t.database.db, partner.creditCode, { useNature: "G" });
        // The leases table is held (reads pass, writes wait) until all five writes have checked for
        // overlaps or wait on the vehicle's row lock: without that lock all five would be written.
        const results = await whileTableLocked(t.databaseUrl!, { table: "leases", waiting: 5 }, () =>
          Promise.all(
            Array.from({ length: 5 }, (_, i) => gql(t, as(partner), WRITE, { input: input({ plate: rental.plate, start: `2024-12-0${i + 1}T00:00:00+08:00`, end: "2024-12-20T00:00:00+08:00" }) })),
          ),
        );
        expect(results.filter((r) => !r.errors).length).toBe(1);
        expect(results.filter((r) => codeOf(r) === "LEASE_OVERLAP").length).toBe(4);
      },
    );
  });
}
