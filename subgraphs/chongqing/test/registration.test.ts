/**
 * Registration and sign-in through the GraphQL API (R-REG-1 app flow, R-REG-2 web flow), SMS codes
 * (hashed, expiring, limited attempts, rate-limited) and the adapters' production refusals.
 */
import { HOME_PLATFORM_SERVICE } from "@jg/handoff";
import { bearer, signServiceToken, verifyAccessToken } from "@jg/identity";
import { testEngines, whileTableLocked } from "@jg/service-kit/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSmsCode } from "../src/accounts/sms-codes";
import { DevelopmentAdapterInProductionError } from "../src/adapters/citizen-services";
import { DevelopmentFaceVerifier } from "../src/adapters/face";
import { DevelopmentSmsSender } from "../src/adapters/sms";
import { createPlatform } from "../src/platform";
import { parseConfig } from "../src/config";
import { smsCodes } from "../src/db/schema";
import { DEV_SMS_CODES_PATH } from "../src/handoff/internal-routes";
import { seedVehicle } from "../src/seed";
import { devSmsCodes, DIRECTORY, gql, platformForSuite, SIMULATOR, startTestPlatform, type TestPlatform } from "./flow";
import { PLATFORM_KEYS } from "./keys";
import { idNumber, plate } from "./people";

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const REG = "id completedSteps missingSteps completed";
const START = `mutation($input: StartRegistrationInput!) { startRegistration(input: $input) { ${REG} } }`;
const SEND = "mutation($phone: String!, $purpose: SmsPurpose!, $id: ID) { requestSmsCode(phone: $phone, purpose: $purpose, registrationId: $id) { maskedPhone expiresAt } }";
const VERIFY = `mutation($id: ID!, $code: String!) { verifySmsCode(registrationId: $id, code: $code) { ${REG} } }`;
const FACE = `mutation($id: ID!, $token: String!) { verifyFace(registrationId: $id, faceToken: $token) { ${REG} } }`;
const DEVICE = `mutation($id: ID!) { confirmDeviceSteps(registrationId: $id, steps: [PERMISSIONS, LOCK]) { ${REG} } }`;
const COMPLETE = "mutation($id: ID!) { completeRegistration(registrationId: $id) { token account { id name } } }";
const SIGN_IN = "mutation($phone: String!, $code: String!) { signIn(phone: $phone, smsCode: $code) { token account { id } } }";

let phones = 0;
const phone = () => `1390000${String(++phones).padStart(4, "0")}`;

type Reg = { id: string; completedSteps: string[]; missingSteps: string[]; completed: boolean };


/** A production-mode platform config (no shard 50). */
function productionConfig() {
  return parseConfig({ port: 0, production: true, codeSecret: "c".repeat(40), keys: PLATFORM_KEYS, shard50: { enabled: false, keys: PLATFORM_KEYS } });
}
for (const engine of testEngines()) {
  describe(`registration on ${engine.name}`, () => {
    const t = platformForSuite(engine);

    const lastCode = async (p: string) => (await devSmsCodes(t, p))[0]!.code;
    const advance = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000));

    it("R-REG-1: the app flow needs province, personal data, permissions, face, SMS and lock; completion signs in and attaches own vehicles (R-FIL-1)", async () => {
      const id = idNumber();
      const p = phone();
      const car = await seedVehicle(t.database.db, { plate: plate(), ownerIdNumber: id, ownerName: "张三" });
      const started = await gql<{ startRegistration: Reg }>(t, null, START, { input: { channel: "APP", phone: p, provinceCode: "50", name: "张三", idNumber: id } });
      const reg = started.data!.startRegistration;
      expect(reg.completedSteps).toEqual(["PROVINCE", "PERSONAL_DATA"]);
      expect(reg.missingSteps).toEqual(["PERMISSIONS", "FACE", "SMS", "LOCK"]);
      expect(codeOf(await gql(t, null, COMPLETE, { id: reg.id }))).toBe("BAD_USER_INPUT");

      expect(codeOf(await gql(t, null, FACE, { id: reg.id, token: "dev-face-ok:110101199001011234" }))).toBe("FACE_VERIFICATION_FAILED");
      expect((await gql<{ verifyFace: Reg }>(t, null, FACE, { id: reg.id, token: `dev-face-ok:${id}` })).data!.verifyFace.completedSteps).toContain("FACE");
      await gql(t, null, DEVICE, { id: reg.id });
      const sent = await gql<{ requestSmsCode: { maskedPhone: string } }>(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id });
      expect(sent.data!.requestSmsCode.maskedPhone).toBe(`${p.slice(0, 3)}****${p.slice(-4)}`);
      const code = await lastCode(p);
      const wrong = code === "000000" ? "000001" : "000000";
      expect(codeOf(await gql(t, null, VERIFY, { id: reg.id, code: wrong }))).toBe("SMS_CODE_INVALID");
      const verified = await gql<{ verifySmsCode: Reg }>(t, null, VERIFY, { id: reg.id, code });
      expect(verified.data!.verifySmsCode.missingSteps).toEqual([]);

      const done = await gql<{ completeRegistration: { token: string; account: { id: string; name: string } } }>(t, null, COMPLETE, { id: reg.id });
      const { token, account } = done.data!.completeRegistration;
      expect(account.name).toBe("张三");
      expect(await verifyAccessToken(token, { directory: DIRECTORY, now: t.clock.now() })).toEqual({ kind: "CITIZEN", accountId: account.id });
      // Retried completion answers the same account; the registration is no longer readable.
      expect((await gql<{ completeRegistration: { account: { id: string } } }>(t, null, COMPLETE, { id: reg.id })).data!.completeRegistration.account.id).toBe(account.id);
      expect((await gql<{ registration: unknown }>(t, null, "query($id: ID!) { registration(id: $id) { id } }", { id: reg.id })).data!.registration).toBeNull();
      const me = await gql<{ me: { vehicles: { relation: string; vehicle: { plate: string } }[] } }>(t, { kind: "CITIZEN", accountId: account.id }, "{ me { vehicles { relation vehicle { plate } } } }");
      expect(me.data!.me.vehicles).toEqual([{ relation: "OWNER", vehicle: { plate: car.plate } }]);
      // The code is stored hashed only.
      const rows = await t.database.db.select().from(smsCodes);
      expect(rows.some((r) => r.codeHash.includes(code))).toBe(false);
    });

    it("R-REG-2: the web flow needs user data, user type and SMS; then sign-in by SMS code", async () => {
      const p = phone();
      const reg = (await gql<{ startRegistration: Reg }>(t, null, START, { input: { channel: "WEB", phone: p, name: "李四", idNumber: idNumber(), userType: "PERSON" } })).data!.startRegistration;
      expect(reg.missingSteps).toEqual(["SMS"]);
      expect(codeOf(await gql(t, null, FACE, { id: reg.id, token: "x" }))).toBe("BAD_USER_INPUT");
      await gql(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id });
      await gql(t, null, VERIFY, { id: reg.id, code: await lastCode(p) });
      const account = (await gql<{ completeRegistration: { account: { id: string } } }>(t, null, COMPLETE, { id: reg.id })).data!.completeRegistration.account;
      // Registering the same phone again is refused.
      expect(codeOf(await gql(t, null, START, { input: { channel: "WEB", phone: p, name: "李四", idNumber: idNumber(), userType: "PERSON" } }))).toBe("BAD_USER_INPUT");

      advance(61);
      await gql(t, null, SEND, { phone: p, purpose: "SIGN_IN" });
      const signedIn = await gql<{ signIn: { token: string; account: { id: string } } }>(t, null, SIGN_IN, { phone: p, code: await lastCode(p) });
      expect(signedIn.data!.signIn.account.id).toBe(account.id);
      // A code is single-use.
      expect(codeOf(await gql(t, null, SIGN_IN, { phone: p, code: await lastCode(p) }))).toBe("SMS_CODE_INVALID");
      // Unknown phones: the request answers alike, and sign-in fails like a wrong code.
      const unknown = phone();
      expect((await gql<{ requestSmsCode: unknown }>(t, null, SEND, { phone: unknown, purpose: "SIGN_IN" })).data!.requestSmsCode).toBeTruthy();
      expect(codeOf(await gql(t, null, SEND, { phone: unknown, purpose: "SIGN_IN" }))).toBe("RATE_LIMITED");
      expect(await devSmsCodes(t, unknown)).toEqual([]);
      expect(codeOf(await gql(t, null, SIGN_IN, { phone: phone(), code: "123456" }))).toBe("SMS_CODE_INVALID");
    });

    it("R-REG-2: of two registrations racing for one phone only the first completed gets the account; a company registers by credit code", async () => {
      const p = phone();
      const start = async () =>
        (await gql<{ startRegistration: Reg }>(t, null, START, { input: { channel: "WEB", phone: p, name: "重庆某某有限公司", idNumber: "91500000MA5UREG01X", userType: "COMPANY" } })).data!.startRegistration;
      const [a, b] = [await start(), await start()];
      for (const reg of [a, b]) {
        await gql(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id });
        await gql(t, null, VERIFY, { id: reg.id, code: await lastCode(p) });
        advance(61);
      }
      expect((await gql<{ completeRegistration: { account: { name: string } } }>(t, null, COMPLETE, { id: a.id })).data!.completeRegistration.account.name).toBe("重庆某某有限公司");
      expect(codeOf(await gql(t, null, COMPLETE, { id: b.id }))).toBe("BAD_USER_INPUT");
    });

    it("R-REG-1 SMS codes: rate-limited per phone, expire after 5 minutes, allow 5 attempts; inputs validated", async () => {
      const p = phone();
      const reg = (await gql<{ startRegistration: Reg }>(t, null, START, { input: { channel: "WEB", phone: p, name: "王五", idNumber: idNumber(), userType: "PERSON" } })).data!.startRegistration;
      await gql(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id });
      expect(codeOf(await gql(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id }))).toBe("RATE_LIMITED");
      advance(301);
      expect(codeOf(await gql(t, null, VERIFY, { id: reg.id, code: await lastCode(p) }))).toBe("SMS_CODE_EXPIRED");
      await gql(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id });
      const code = await lastCode(p);
      const wrong = code === "000000" ? "000001" : "000000";
      for (let i = 0; i < 5; i += 1) expect(codeOf(await gql(t, null, VERIFY, { id: reg.id, code: wrong }))).toBe("SMS_CODE_INVALID");
      expect(codeOf(await gql(t, null, VERIFY, { id: reg.id, code }))).toBe("SMS_CODE_TOO_MANY_ATTEMPTS");
      expect(codeOf(await gql(t, null, START, { input: { channel: "APP", phone: "12", provinceCode: "50", name: "x", idNumber: idNumber() } }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, null, START, { input: { channel: "APP", phone: phone(), provinceCode: "51", name: "x", idNumber: idNumber() } }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, null, VERIFY, { id: reg.id, code: "12ab56" }))).toBe("BAD_USER_INPUT");
    });

    it.skipIf(engine.name === "pglite")(
      "R-REG-2: ten parallel code requests for one phone send one (PostgreSQL only; PGlite's single connection serializes)",
      async () => {
        const p = "13700000001";
        const deps = t.platform.deps;
        // The codes table is held (reads pass, writes wait) until all ten requests wait on a lock (the
        // phone's advisory lock, or the insert): without the advisory lock all ten would send.
        const results = await whileTableLocked(t.databaseUrl!, { table: "sms_codes", waiting: 10 }, () =>
          Promise.allSettled(
            Array.from({ length: 10 }, () => issueSmsCode(deps.db, deps.citizen, { phone: p, purpose: "SIGN_IN", subject: "", now: t.clock.now() })),
          ),
        );
        expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
        expect(results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "RATE_LIMITED").length).toBe(9);
      },
    );

    it("R-REG-1 in production mode: no development codes, and SMS / face refuse without real adapters", async () => {
      const config = productionConfig();
      const platform = await createPlatform({ config, db: t.database.db, clock: t.clock, log: pino({ level: "silent" }) });
      const host = await platform.listen();
      try {
        const prod = { ...t, url: host.url };
        // Issue #10 §2: no development read-back at all in production, even for a service credential.
        const token = bearer(await signServiceToken(HOME_PLATFORM_SERVICE, SIMULATOR, t.clock.now()));
        expect((await fetch(`${host.url}${DEV_SMS_CODES_PATH}?phone=${phone()}`, { headers: { authorization: token } })).status).toBe(404);
        const p = phone();
        const id = idNumber();
        const reg = (await gql<{ startRegistration: Reg }>(prod, null, START, { input: { channel: "APP", phone: p, provinceCode: "50", name: "赵六", idNumber: id } })).data!.startRegistration;
        expect(codeOf(await gql(prod, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id }))).toBe("PRODUCTION_ADAPTER_MISSING");
        expect(codeOf(await gql(prod, null, FACE, { id: reg.id, token: `dev-face-ok:${id}` }))).toBe("PRODUCTION_ADAPTER_MISSING");
      } finally {
        await host.close();
        await platform.stop();
      }
    });
  });
}

describe("issue #10 §2: the development SMS codes are not in the public graph", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(testEngines()[0]!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("no query reads codes back: developmentSmsCodes is not a field of the platform's graph", async () => {
    const res = await gql(t, null, "query($phone: String!) { developmentSmsCodes(phone: $phone) { code } }", { phone: "13900000001" });
    expect(codeOf(res)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("the internal read-back answers only a service credential for the home platform", async () => {
    const p = "13900000002";
    const reg = (await gql<{ startRegistration: Reg }>(t, null, START, { input: { channel: "WEB", phone: p, name: "钱七", idNumber: idNumber(), userType: "PERSON" } })).data!.startRegistration;
    await gql(t, null, SEND, { phone: p, purpose: "REGISTRATION", id: reg.id });
    const url = `${t.url}${DEV_SMS_CODES_PATH}?phone=${p}`;
    expect((await fetch(url)).status).toBe(401);
    const identityAsBearer = bearer(await signServiceToken("somebody-else", SIMULATOR, t.clock.now()));
    expect((await fetch(url, { headers: { authorization: identityAsBearer } })).status).toBe(401);
    const codes = await devSmsCodes(t, p);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ purpose: "REGISTRATION" });
    expect(codes[0]!.code).toMatch(/^\d{6}$/);
    const token = bearer(await signServiceToken(HOME_PLATFORM_SERVICE, SIMULATOR, t.clock.now()));
    expect((await fetch(`${t.url}${DEV_SMS_CODES_PATH}?phone=abc`, { headers: { authorization: token } })).status).toBe(400);
  });

  it("the development adapter writes the code to the service log", async () => {
    const lines: Record<string, unknown>[] = [];
    const sender = new DevelopmentSmsSender({ info: (obj) => void lines.push(obj) });
    await sender.send({ phone: "13900000003", code: "123456", purpose: "SIGN_IN", sentAt: new Date() });
    expect(lines).toEqual([{ phone: "13900000003", purpose: "SIGN_IN", code: "123456" }]);
    expect(sender.sentTo("13900000003").map((m) => m.code)).toEqual(["123456"]);
  });

  it("production mode refuses to start with the development SMS or face adapter", async () => {
    const config = productionConfig();
    const start = (adapters: Parameters<typeof createPlatform>[0]["adapters"]) =>
      createPlatform({ config, db: t.database.db, clock: t.clock, log: pino({ level: "silent" }), adapters });
    await expect(start({ sms: new DevelopmentSmsSender() })).rejects.toBeInstanceOf(DevelopmentAdapterInProductionError);
    await expect(start({ face: new DevelopmentFaceVerifier() })).rejects.toThrow(/face verification/);
  });
});
