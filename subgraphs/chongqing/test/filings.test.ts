/**
 * Filings through the GraphQL API (R-FIL-2..6, R-ELG-2): QR and SMS proofs, face verification,
 * limits, officer review, release, and who may do what.
 */
import { testEngines, whileTableLocked } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import type { AccountRow } from "../src/db/schema";
import { seedFiling } from "../src/seed";
import { devSmsCodes, gql, platformForSuite } from "./flow";
import { companyCar, driver, ownCar } from "./people";

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const citizen = (a: AccountRow) => ({ kind: "CITIZEN" as const, accountId: a.id });
const OFFICER = { kind: "OFFICER" as const, officerId: "cq-officer-1", provinceCode: "50" };
const RESULT = "filing { id plate method status effectiveAt releasedAt } denials { code ruleId }";
const APPLY = `mutation($plate: String!, $method: FilingMethod!, $face: String!, $qr: String, $sms: String) {
  applyFiling(plate: $plate, method: $method, faceToken: $face, qrCode: $qr, smsCode: $sms) { ${RESULT} } }`;
const QR = "mutation($plate: String!) { filingQrCode(plate: $plate) { code expiresAt } }";
const CODE = "mutation($plate: String!, $method: FilingMethod!) { requestFilingCode(plate: $plate, method: $method) { maskedPhone denials { code ruleId } } }";
const REVIEW = `mutation($id: ID!, $approve: Boolean!) { reviewFiling(id: $id, approve: $approve) { ${RESULT} } }`;
const QUEUE = "{ filingReviewQueue { applicantName filing { id } } }";
const RELEASE = "mutation($id: ID!) { releaseFiling(id: $id) { status releasedAt } }";

type Result = { filing: { id: string; plate: string; method: string; status: string; effectiveAt: string | null; releasedAt: string | null } | null; denials: { code: string; ruleId: string }[] };

for (const engine of testEngines()) {
  describe(`filings on ${engine.name}`, () => {
    const t = platformForSuite(engine);

    const face = (a: AccountRow) => `dev-face-ok:${a.idNumber}`;
    const qrOf = async (owner: AccountRow, plate: string) => (await gql<{ filingQrCode: { code: string } }>(t, citizen(owner), QR, { plate })).data!.filingQrCode.code;
    const apply = async (who: AccountRow, vars: Record<string, unknown>) => gql<{ applyFiling: Result }>(t, citizen(who), APPLY, { face: face(who), ...vars });

    it("R-FIL-5: SMS code to the owner's phone, face check, PENDING, officer approval (effective now), release", async () => {
      const db = t.database.db;
      const owner = await driver(db, "车主");
      const me = await driver(db, "备案人");
      const car = await ownCar(db, owner);
      const sent = await gql<{ requestFilingCode: { maskedPhone: string } }>(t, citizen(me), CODE, { plate: car.plate, method: "SMS" });
      expect(sent.data!.requestFilingCode.maskedPhone).toBe(`${owner.phone.slice(0, 3)}****${owner.phone.slice(-4)}`);
      const sms = (await devSmsCodes(t, owner.phone))[0]!;
      expect(sms.purpose).toBe("FILING");
      expect(codeOf(await apply(me, { plate: car.plate, method: "SMS", sms: sms.code, face: face(owner) }))).toBe("FACE_VERIFICATION_FAILED");
      const applied = (await apply(me, { plate: car.plate, method: "SMS", sms: sms.code })).data!.applyFiling;
      expect(applied).toMatchObject({ filing: { status: "PENDING", method: "SMS", effectiveAt: null }, denials: [] });
      // A retry answers the same live filing without a new code.
      expect((await apply(me, { plate: car.plate, method: "SMS", sms: "000000" })).data!.applyFiling.filing!.id).toBe(applied.filing!.id);

      const queue = await gql<{ filingReviewQueue: { applicantName: string; filing: { id: string } }[] }>(t, OFFICER, QUEUE);
      expect(queue.data!.filingReviewQueue).toContainEqual({ applicantName: "备案人", filing: { id: applied.filing!.id } });
      t.clock.set(new Date(t.clock.now().getTime() + 3600_000));
      const approved = (await gql<{ reviewFiling: Result }>(t, OFFICER, REVIEW, { id: applied.filing!.id, approve: true })).data!.reviewFiling;
      expect(approved.filing).toMatchObject({ status: "ACTIVE", effectiveAt: t.clock.now().toISOString() });
      const mine = await gql<{ me: { vehicles: { relation: string; vehicle: { plate: string } }[] } }>(t, citizen(me), "{ me { vehicles { relation vehicle { plate } } } }");
      expect(mine.data!.me.vehicles).toEqual([{ relation: "FILED", vehicle: { plate: car.plate } }]);

      expect(codeOf(await gql(t, citizen(owner), RELEASE, { id: applied.filing!.id }))).toBe("NOT_FOUND");
      const released = (await gql<{ releaseFiling: { status: string } }>(t, citizen(me), RELEASE, { id: applied.filing!.id })).data!.releaseFiling;
      expect(released.status).toBe("RELEASED");
      expect((await gql<{ releaseFiling: { status: string } }>(t, citizen(me), RELEASE, { id: applied.filing!.id })).data!.releaseFiling.status).toBe("RELEASED");
    });

    it("R-FIL-4: the owner's QR code files their car; only the owner gets it; it expires and names one car", async () => {
      const db = t.database.db;
      const owner = await driver(db, "二维码车主");
      const me = await driver(db, "扫码人");
      const car = await ownCar(db, owner);
      const other = await ownCar(db, owner);
      expect(codeOf(await gql(t, citizen(me), QR, { plate: car.plate }))).toBe("NOT_FOUND");
      const otherQr = await qrOf(owner, other.plate);
      expect(codeOf(await apply(me, { plate: car.plate, method: "QR", qr: otherQr }))).toBe("BAD_USER_INPUT");
      const qr = await qrOf(owner, car.plate);
      const saved = t.clock.now();
      t.clock.set(new Date(saved.getTime() + 301_000));
      expect(codeOf(await apply(me, { plate: car.plate, method: "QR", qr }))).toBe("BAD_USER_INPUT");
      t.clock.set(saved);
      expect((await apply(me, { plate: car.plate, method: "QR", qr })).data!.applyFiling.filing).toMatchObject({ status: "PENDING", method: "QR" });
    });

    it("R-FIL-6, R-ELG-2: a company car is filed by SMS to its manager only while the policy allows company filing", async () => {
      const db = t.database.db;
      const me = await driver(db, "公司车备案人");
      const car = await companyCar(db, "91500000MA5U1111XX", { managerPhone: "13911112222" });
      const byOwnerSms = await gql<{ requestFilingCode: { denials: { code: string }[] } }>(t, citizen(me), CODE, { plate: car.plate, method: "SMS" });
      expect(byOwnerSms.data!.requestFilingCode.denials.map((d) => d.code)).toContain("FILING_METHOD_NEEDS_MANAGER");
      const standard = await gql<{ requestFilingCode: { maskedPhone: string | null; denials: { ruleId: string }[] } }>(t, citizen(me), CODE, { plate: car.plate, method: "COMPANY_SMS" });
      expect(standard.data!.requestFilingCode.maskedPhone).toBeNull();
      expect(standard.data!.requestFilingCode.denials.map((d) => d.ruleId)).toContain("R-ELG-2");
      const saved = t.clock.now();
      t.clock.set("2020-03-10T10:00:00+08:00");
      try {
        const sent = await gql<{ requestFilingCode: { maskedPhone: string } }>(t, citizen(me), CODE, { plate: car.plate, method: "COMPANY_SMS" });
        expect(sent.data!.requestFilingCode.maskedPhone).toBe("139****2222");
        const sms = (await devSmsCodes(t, "13911112222"))[0]!;
        const res = (await apply(me, { plate: car.plate, method: "COMPANY_SMS", sms: sms.code })).data!.applyFiling;
        expect(res.filing).toMatchObject({ status: "PENDING", method: "COMPANY_SMS" });
      } finally {
        t.clock.set(saved);
      }
    });

    it("R-FIL-2, R-FIL-3, R-FIL-1: 3 live filings per user and per vehicle (PENDING counts), own cars are never filed", async () => {
      const db = t.database.db;
      const me = await driver(db, "满额");
      const owner = await driver(db, "他人");
      for (let i = 0; i < 3; i += 1) {
        const c = await ownCar(db, owner);
        await seedFiling(db, { accountId: me.id, plate: c.plate, status: i === 0 ? "PENDING" : "ACTIVE" });
      }
      const fourth = await ownCar(db, owner);
      const denied = (await apply(me, { plate: fourth.plate, method: "QR", qr: await qrOf(owner, fourth.plate) })).data!.applyFiling;
      expect(denied.filing).toBeNull();
      expect(denied.denials.map((d) => d.ruleId)).toEqual(["R-FIL-2"]);

      const popular = await ownCar(db, owner);
      for (let i = 0; i < 3; i += 1) await seedFiling(db, { accountId: (await driver(db, `司机${i}`)).id, plate: popular.plate, status: i === 0 ? "PENDING" : "ACTIVE" });
      const other = await driver(db, "第四人");
      const full = (await apply(other, { plate: popular.plate, method: "QR", qr: await qrOf(owner, popular.plate) })).data!.applyFiling;
      expect(full.denials.map((d) => d.ruleId)).toEqual(["R-FIL-3"]);

      const own = await ownCar(db, other);
      const self = (await apply(other, { plate: own.plate, method: "QR", qr: await qrOf(other, own.plate) })).data!.applyFiling;
      expect(self.denials.map((d) => d.ruleId)).toEqual(["R-FIL-1"]);
    });

    it("R-FIL-2..6 authorization: citizens cannot list or review filings, officers of other provinces neither; rejection ends a filing", async () => {
      const db = t.database.db;
      const owner = await driver(db, "审核车主");
      const me = await driver(db, "审核申请人");
      const car = await ownCar(db, owner);
      const filing = (await apply(me, { plate: car.plate, method: "QR", qr: await qrOf(owner, car.plate) })).data!.applyFiling.filing!;
      expect(codeOf(await gql(t, citizen(me), QUEUE))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, citizen(me), REVIEW, { id: filing.id, approve: true }))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, { ...OFFICER, provinceCode: "51" }, REVIEW, { id: filing.id, approve: true }))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, null, APPLY, { plate: car.plate, method: "QR", face: "x" }))).toBe("UNAUTHENTICATED");
      const rejected = (await gql<{ reviewFiling: Result }>(t, OFFICER, REVIEW, { id: filing.id, approve: false })).data!.reviewFiling;
      expect(rejected.filing!.status).toBe("REJECTED");
      expect(codeOf(await gql(t, OFFICER, REVIEW, { id: filing.id, approve: true }))).toBe("BAD_USER_INPUT");
      // Another citizen's filings are not on one's account.
      const mine = await gql<{ me: { filings: unknown[] } }>(t, citizen(owner), "{ me { filings { id } } }");
      expect(mine.data!.me.filings).toEqual([]);
    });

    // On PGlite every query runs on one connection, so parallel requests never interleave inside a
    // transaction: only a real PostgreSQL server can show the row locks at work. There the filings
    // table is held (reads pass, writes wait) until all `n` requests stand at a lock, so they overlap.
    const atOnce = <T>(n: number, run: () => Promise<T>): Promise<T> =>
      whileTableLocked(t.databaseUrl!, { table: "filings", waiting: n }, run);
    it.skipIf(engine.name === "pglite")(
      "R-FIL-2, R-FIL-3 under concurrency (PostgreSQL only; skipped on PGlite, whose single connection serializes transactions): 5 parallel applications hold at most 3",
      async () => {
        const db = t.database.db;
        const owner = await driver(db, "并发车主");
        const me = await driver(db, "并发申请人");
        const cars = await Promise.all(Array.from({ length: 5 }, () => ownCar(db, owner)));
        const qrs = await Promise.all(cars.map((c) => qrOf(owner, c.plate)));
        // Every application has counted the live filings (or waits on the account's or the vehicle's
        // row lock) before any inserts: without the locks of filing.locks.ts all five get a place.
        const byUser = await atOnce(5, () => Promise.all(cars.map((c, i) => apply(me, { plate: c.plate, method: "QR", qr: qrs[i] }))));
        expect(byUser.filter((r) => r.data?.applyFiling.filing).length).toBe(3);

        const car = await ownCar(db, owner);
        const qr = await qrOf(owner, car.plate);
        const applicants = await Promise.all(Array.from({ length: 5 }, (_, i) => driver(db, `并发${i}`)));
        const byVehicle = await atOnce(5, () => Promise.all(applicants.map((a) => apply(a, { plate: car.plate, method: "QR", qr }))));
        expect(byVehicle.filter((r) => r.data?.applyFiling.filing).length).toBe(3);
        expect(byVehicle.filter((r) => r.data?.applyFiling.denials.some((d) => d.ruleId === "R-FIL-3")).length).toBe(2);
      },
    );

    it.skipIf(engine.name === "pglite")(
      "R-FIL-3 with approvals racing applications (PostgreSQL only; PGlite serializes): approvals succeed, one new place is taken, no deadlock",
      async () => {
        const db = t.database.db;
        const owner = await driver(db, "混合车主");
        const car = await ownCar(db, owner);
        const qr = await qrOf(owner, car.plate);
        const pending = await Promise.all([driver(db, "待审甲"), driver(db, "待审乙")]);
        const ids: string[] = [];
        for (const p of pending) ids.push((await apply(p, { plate: car.plate, method: "QR", qr })).data!.applyFiling.filing!.id);
        const newcomers = await Promise.all(Array.from({ length: 3 }, (_, i) => driver(db, `新申请${i}`)));
        const [approvals, applications] = await atOnce(5, () =>
          Promise.all([
            Promise.all(ids.map((id) => gql<{ reviewFiling: Result }>(t, OFFICER, REVIEW, { id, approve: true }))),
            Promise.all(newcomers.map((a) => apply(a, { plate: car.plate, method: "QR", qr }))),
          ]),
        );
        expect(approvals.map((r) => r.data?.reviewFiling.filing?.status)).toEqual(["ACTIVE", "ACTIVE"]);
        expect(applications.filter((r) => r.data?.applyFiling.filing).length).toBe(1);
      },
    );
  });
}
