import { isAppFault } from "@jg/errors";
import { authenticateService } from "@jg/identity";
import { startHttpServer, VirtualClock, type HttpRequest, type HttpResponse, type RunningHttpServer } from "@jg/service-kit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHomePlatformClient } from "../src/client";
import { AUTHORIZE_PATH, HOME_PLATFORM_SERVICE, RELEASE_PATH, type AuthorizeRequest, type AuthorizeResponse } from "../src/contract";
import { DIRECTORY, SENDER, SENDER_SIGNER, violationId } from "./support";

const clock = new VirtualClock("2026-03-01T08:00:00Z");

const RELEASE = { handlingId: "h-1", accountId: "acc-1", violationId: violationId(), reason: "PROVINCE_ROLLBACK" };

function authorizeRequest(): AuthorizeRequest {
  return {
    handlingId: "h-1",
    accountId: "acc-1",
    violation: {
      id: violationId(),
      provinceCode: "51",
      plate: "渝A12345",
      plateType: "02",
      code: "1352",
      occurredAt: "2026-02-28T10:00:00+08:00",
      source: "CAMERA",
      fineYuan: 100,
      points: 3,
      warningOnly: false,
    },
    requestedAt: clock.now().toISOString(),
  };
}

async function faultCode(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppFault(err)) throw new Error(`expected an AppFault, got ${String(err)}`);
  return err.code;
}

describe("home platform client", () => {
  let server: RunningHttpServer;
  let client: ReturnType<typeof createHomePlatformClient>;
  const seen: { path: string; caller: string; body: unknown }[] = [];
  let answer: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

  beforeAll(async () => {
    const route = (path: string) => ({
      method: "POST" as const,
      path,
      handler: async (req: HttpRequest) => {
        // The production home platform authenticates exactly like this.
        const caller = await authenticateService(req.headers, { directory: DIRECTORY, audience: HOME_PLATFORM_SERVICE, now: clock.now() });
        seen.push({ path, caller: caller.service, body: req.body });
        return answer(req);
      },
    });
    server = await startHttpServer({ routes: [route(AUTHORIZE_PATH), route(RELEASE_PATH)] });
    client = createHomePlatformClient({ baseUrl: server.url, signer: SENDER_SIGNER, clock, timeoutMs: 500 });
  });
  beforeEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it("sends an authenticated authorize request and returns the approval", async () => {
    const approval: AuthorizeResponse = {
      approved: true,
      reservationId: "r-1",
      licenceNumber: "500101199001011234",
      pointsBefore: 3,
      reservedBefore: 2,
    };
    answer = () => ({ status: 200, json: approval });
    const req = authorizeRequest();
    expect(await client.authorize(req)).toEqual(approval);
    expect(seen).toEqual([{ path: AUTHORIZE_PATH, caller: SENDER, body: req }]);
  });

  it("returns a refusal as a value with its denials (R-ELG-6)", async () => {
    const refusal: AuthorizeResponse = {
      approved: false,
      denials: [{ code: "POINTS_WOULD_REACH_12", ruleId: "R-ELG-6", message: { zh: "记分将满12分", en: "Points would reach 12" } }],
    };
    answer = () => ({ status: 200, json: refusal });
    expect(await client.authorize(authorizeRequest())).toEqual(refusal);
  });

  it("returns a voided answer as a value of its own, not a refusal without denials (R-ELG-6, R-SYNC-1)", async () => {
    answer = () => ({ status: 200, json: { approved: false, voided: true } });
    expect(await client.authorize(authorizeRequest())).toEqual({ approved: false, voided: true });
    answer = () => ({ status: 200, json: { approved: false, denials: [] } });
    expect(await faultCode(client.authorize(authorizeRequest()))).toBe("HOME_PLATFORM_UNAVAILABLE");
  });

  it("throws HOME_PLATFORM_UNAVAILABLE on a 5xx, a malformed answer, or no answer in time", async () => {
    answer = () => ({ status: 503, json: { error: "down" } });
    expect(await faultCode(client.authorize(authorizeRequest()))).toBe("HOME_PLATFORM_UNAVAILABLE");
    answer = () => ({ status: 200, json: { approved: true } });
    expect(await faultCode(client.authorize(authorizeRequest()))).toBe("HOME_PLATFORM_UNAVAILABLE");
    // No answer until the client has given up: the client's own timeout (20 ms here) is the event, no wait of ours.
    let letGo = () => {};
    answer = () => new Promise<HttpResponse>((resolve) => (letGo = () => resolve({ status: 200, json: {} })));
    const impatient = createHomePlatformClient({ baseUrl: server.url, signer: SENDER_SIGNER, clock, timeoutMs: 20 });
    try {
      expect(await faultCode(impatient.release(RELEASE))).toBe("HOME_PLATFORM_UNAVAILABLE");
    } finally {
      letGo();
      await impatient.close();
    }
  });

  it("throws HOME_PLATFORM_UNAVAILABLE when nothing listens", async () => {
    const gone = await startHttpServer({});
    await gone.close();
    const dead = createHomePlatformClient({ baseUrl: gone.url, signer: SENDER_SIGNER, clock });
    expect(await faultCode(dead.authorize(authorizeRequest()))).toBe("HOME_PLATFORM_UNAVAILABLE");
    await dead.close();
  });

  it("refuses an invalid request with BAD_USER_INPUT before sending anything", async () => {
    answer = () => ({ status: 200, json: {} });
    const bad = { ...authorizeRequest(), violation: { ...authorizeRequest().violation, points: -1 } };
    expect(await faultCode(client.authorize(bad))).toBe("BAD_USER_INPUT");
    expect(seen).toHaveLength(0);
  });

  it("releases a reservation with an authenticated request", async () => {
    answer = () => ({ status: 204 });
    await client.release(RELEASE);
    expect(seen).toEqual([{ path: RELEASE_PATH, caller: SENDER, body: RELEASE }]);
  });
});
