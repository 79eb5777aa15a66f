import { randomUUID } from "node:crypto";
import { bearer, signServiceToken } from "@jg/identity";
import { HOME_PLATFORM_SERVICE } from "@jg/handoff";
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIT_PATH } from "../src/dev/audit";
import { authorize, authorizeRequest, deliver, message, recordedOf, SIMULATOR, startTestPlatform, type TestPlatform } from "./flow";
import { driver, ownCar } from "./people";

describe("development audit route (simulator invariants, issue #6)", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(testEngines()[0]!);
  });
  afterAll(async () => {
    await platform.close();
  });

  const audit = async (audience = HOME_PLATFORM_SERVICE) => {
    const token = await signServiceToken(audience, SIMULATOR, platform.clock.now());
    return fetch(`${platform.url}${DEV_AUDIT_PATH}`, { headers: { authorization: bearer(token) } });
  };

  it("lists licences, the ledger, the violation index and the inbox", async () => {
    const owner = await driver(platform.database.db, "审计甲");
    const car = await ownCar(platform.database.db, owner);
    const req = authorizeRequest(owner.id, { plate: car.plate }, randomUUID());
    const messageId = randomUUID();
    await deliver(platform, message("violation.recorded", recordedOf(req), { messageId }));
    expect(await authorize(platform, req)).toMatchObject({ approved: true });
    const res = await audit();
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      licences: { number: string; firstIssuedOn: string }[];
      ledger: { kind: string; handlingId: string | null; points: number }[];
      violationIndex: { violationId: string; provinceCode: string; status: string }[];
      inbox: { messageId: string }[];
    };
    expect(body.licences.map((l) => l.firstIssuedOn)).toContain("2015-03-01");
    expect(body.ledger.filter((e) => e.handlingId === req.handlingId).map((e) => [e.kind, e.points])).toEqual([["RESERVED", 3]]);
    expect(body.violationIndex.find((v) => v.violationId === req.violation.id)).toMatchObject({ provinceCode: "51", status: "UNHANDLED" });
    expect(body.inbox.map((m) => m.messageId)).toContain(messageId);
  });

  it("refuses a token addressed to another service", async () => {
    expect((await audit("province-51")).status).toBe(401);
  });
});
