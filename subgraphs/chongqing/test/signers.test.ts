/**
 * Who may say what to the home platform (issue 10 §5): every call is signed with the caller's own key,
 * and the platform takes authorize, release and the `paid` / `reverted` messages about a violation
 * only from the shard of that violation's province (the violation ID's first two digits). The platform
 * reached directly (§4, §6) needs an edge's identity header, answers `_service` only to the composer,
 * and its internal routes only to service credentials.
 */
import { randomUUID } from "node:crypto";
import { AUTHORIZE_PATH, HOME_PLATFORM_SERVICE, MESSAGES_PATH, RELEASE_PATH } from "@jg/handoff";
import { bearer, COMPOSE_AUDIENCE, generateServiceKey, signerFromJwk, signServiceToken, type ServiceSigner } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { authorize, authorizeRequest, gql, message, paidOf, platformForSuite, post, revertedOf } from "./flow";
import { EDGE, shardSigner, SIMULATOR } from "./keys";
import { driver, ownCar } from "./people";

const cycleAt = new Date("2024-04-01T00:00:00+08:00");
const LICENCE = "{ me { licence { points reservedPoints } } }";

for (const engine of testEngines().slice(0, 1)) {
  describe(`signers on the home platform on ${engine.name}`, () => {
    const t = platformForSuite(engine);
    const as = async (signer: ServiceSigner) => bearer(await signServiceToken(HOME_PLATFORM_SERVICE, signer, t.clock.now()));
    const licenceOf = async (accountId: string) =>
      (await gql<{ me: { licence: { points: number; reservedPoints: number } } }>(t, { kind: "CITIZEN", accountId }, LICENCE)).data!.me.licence;

    /** A driver with 2 points and a 3-point reservation for a violation of province 52, authorized by shard 52. */
    async function reservedIn52() {
      const me = await driver(t.database.db, `签名${randomUUID().slice(0, 4)}`, { points: 2, pointsAt: cycleAt });
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, points: 3, provinceCode: "52" });
      expect((await authorize(t, req)).approved).toBe(true);
      expect(await licenceOf(me.id)).toMatchObject({ points: 2, reservedPoints: 3 });
      return { me, req };
    }

    it("province 51's key cannot authorize for a violation of province 52", async () => {
      const me = await driver(t.database.db, "越权甲");
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, provinceCode: "52" });
      const res = await post<{ error: string }>(t, AUTHORIZE_PATH, req, await as(shardSigner("51")));
      expect(res.status).toBe(403);
      expect(res.json.error).toBe("FORBIDDEN");
      // Nor by claiming the violation is of its own province while its ID says 52.
      const disguised = { ...req, violation: { ...req.violation, provinceCode: "51" } };
      expect((await post(t, AUTHORIZE_PATH, disguised, await as(shardSigner("51")))).status).toBe(403);
      expect(await licenceOf(me.id)).toMatchObject({ reservedPoints: 0 });
    });

    it("province 51's key cannot release a reservation of province 52", async () => {
      const { me, req } = await reservedIn52();
      const body = { handlingId: req.handlingId, accountId: me.id, violationId: req.violation.id, reason: "PROVINCE_ROLLBACK" };
      const res = await post(t, RELEASE_PATH, body, await as(shardSigner("51")));
      expect(res.status).toBe(403);
      expect(await licenceOf(me.id)).toMatchObject({ points: 2, reservedPoints: 3 });
    });

    it("province 51's key cannot report a payment or a revert for a violation of province 52", async () => {
      const { me, req } = await reservedIn52();
      const paid = message("violation.paid", paidOf(req, t.clock.now()), { provinceCode: "52" });
      expect((await post(t, MESSAGES_PATH, paid, await as(shardSigner("51")))).status).toBe(403);
      const reverted = message("violation.reverted", revertedOf(req, t.clock.now()), { provinceCode: "52" });
      expect((await post(t, MESSAGES_PATH, reverted, await as(shardSigner("51")))).status).toBe(403);
      // Nor by naming one of its own violations with province 52's handling ID.
      const own = authorizeRequest(me.id, { plate: req.violation.plate, provinceCode: "51" });
      const smuggled = message("violation.paid", { ...paidOf(own, t.clock.now()), handlingId: req.handlingId }, { provinceCode: "51" });
      expect((await post(t, MESSAGES_PATH, smuggled, await as(shardSigner("51")))).status).toBe(200);
      expect(await licenceOf(me.id)).toMatchObject({ points: 2, reservedPoints: 3 });
      // The shard of province 52 may.
      expect((await post(t, MESSAGES_PATH, paid, await as(shardSigner("52")))).status).toBe(200);
      expect(await licenceOf(me.id)).toMatchObject({ points: 5, reservedPoints: 0 });
    });

    it("refuses a key of the wrong service, an unknown kid, and a caller that is not a province", async () => {
      const me = await driver(t.database.db, "越权乙");
      const car = await ownCar(t.database.db, me);
      const req = authorizeRequest(me.id, { plate: car.plate, provinceCode: "52" });
      const impostor = { ...shardSigner("51"), service: "province-52" }; // 51's key, signing as 52
      expect((await post(t, AUTHORIZE_PATH, req, await as(impostor))).status).toBe(401);
      const unknown = signerFromJwk("province-52", generateServiceKey("province-52").privateJwk);
      expect((await post(t, AUTHORIZE_PATH, req, await as(unknown))).status).toBe(401);
      expect((await post(t, AUTHORIZE_PATH, req, await as(SIMULATOR))).status).toBe(403);
      expect((await post(t, AUTHORIZE_PATH, req, await as(EDGE))).status).toBe(403);
    });

    it("refuses a GraphQL request without an edge's identity header, _service without the composer's credential, and anything else with it (§4)", async () => {
      const res = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
      expect(res.status).toBe(401);
      const anonymous = await gql(t, null, "{ _service { sdl } }");
      expect(anonymous.errors?.[0]?.extensions?.code).toBe("INTROSPECTION_DISABLED");
      const composer = bearer(await signServiceToken(COMPOSE_AUDIENCE, EDGE, t.clock.now()));
      const sdl = await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: composer },
        body: JSON.stringify({ query: "{ _service { sdl } }" }),
      });
      expect(((await sdl.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toContain("type Vehicle");
      // The composer's credential is no identity: anything but a schema question is refused.
      const other = await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: composer },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(other.status).toBe(401);
      expect(((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    });

    it("answers GET /internal/clock only to a service credential (§6)", async () => {
      expect((await fetch(`${t.url}/internal/clock`)).status).toBe(403);
      expect((await fetch(`${t.url}/internal/clock`, { headers: { authorization: await as(shardSigner("51")) } })).status).toBe(403);
      expect((await fetch(`${t.url}/internal/clock`, { headers: { authorization: bearer(await signServiceToken(HOME_PLATFORM_SERVICE, SIMULATOR)) } })).status).toBe(200);
    });
  });
}
