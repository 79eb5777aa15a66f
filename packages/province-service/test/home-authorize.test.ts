/**
 * The shard's authorizer on its own, with a home platform client the test answers by hand: twin
 * requests share one authorization in flight, so a lost answer's release can never take away the
 * reservation a twin is committing (R-ELG-6, R-SYNC-1; docs/design.md §4, ambiguous authorize).
 */
import { AppFault } from "@jg/errors";
import type { AuthorizeRequest, AuthorizeResponse, HomePlatformClient, ReleaseRequest } from "@jg/handoff";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { HomeAuthorizer } from "../src/handling/home-authorize";

/** A client whose authorize answers wait for the test: `answer(i, …)` settles the i-th call. */
function manualHome() {
  const calls: AuthorizeRequest[] = [];
  const settle: { resolve: (a: AuthorizeResponse) => void; reject: (e: unknown) => void }[] = [];
  const released: ReleaseRequest[] = [];
  const home: HomePlatformClient = {
    authorize(req) {
      calls.push(req);
      return new Promise((resolve, reject) => settle.push({ resolve, reject }));
    },
    release(req) {
      released.push(req);
      return Promise.resolve();
    },
  };
  return { home, calls, settle, released };
}

const request = (handlingId: string): AuthorizeRequest => ({
  handlingId,
  accountId: "acct-1",
  violation: {
    id: "5101002026000001",
    provinceCode: "51",
    plate: "渝A12345",
    plateType: "02",
    code: "1116",
    occurredAt: "2026-03-10T01:00:00.000Z",
    source: "CAMERA",
    fineYuan: 100,
    points: 1,
    warningOnly: false,
  },
  requestedAt: "2026-03-10T02:00:00.000Z",
});
const approved: AuthorizeResponse = { approved: true, reservationId: "r-1", licenceNumber: "L", pointsBefore: 0, reservedBefore: 0 };
const name = ["51", "acct-1", "k-twin", "hash"];
/** Lets pending promise callbacks run (no timer: microtasks and one macrotask turn). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("HomeAuthorizer", () => {
  it("R-ELG-6 / R-SYNC-1: a twin joins the authorization in flight; when its answer is lost both fail after one release", async () => {
    const m = manualHome();
    const authorizer = new HomeAuthorizer(m.home, pino({ level: "silent" }));
    const first = authorizer.authorize(name, request);
    const twin = authorizer.authorize(name, request);
    await turn();
    expect(m.calls).toHaveLength(1);
    m.settle[0]!.reject(new AppFault("HOME_PLATFORM_UNAVAILABLE"));
    await expect(first).rejects.toMatchObject({ code: "HOME_PLATFORM_UNAVAILABLE" });
    await expect(twin).rejects.toMatchObject({ code: "HOME_PLATFORM_UNAVAILABLE" });
    expect(m.released.map((r) => [r.handlingId, r.violationId, r.reason])).toEqual([[m.calls[0]!.handlingId, "5101002026000001", "AUTHORIZE_UNANSWERED"]]);

    // Afterwards a retry asks again: the released ID answers voided, the next generation is approved.
    const retry = authorizer.authorize(name, request);
    await turn();
    m.settle[1]!.resolve({ approved: false, voided: true });
    await turn();
    expect(m.calls.map((c) => c.handlingId)).toEqual([m.calls[0]!.handlingId, m.calls[0]!.handlingId, m.calls[2]!.handlingId]);
    expect(m.calls[2]!.handlingId).not.toBe(m.calls[0]!.handlingId);
    m.settle[2]!.resolve(approved);
    await expect(retry).resolves.toEqual({ handlingId: m.calls[2]!.handlingId, authorization: approved });
    expect(m.released).toHaveLength(1);
  });

  it("R-ELG-6: a release that failed is sent again, and acknowledged, before a retry may authorize (a late copy could void a committed handling)", async () => {
    const m = manualHome();
    let releaseUp = false;
    m.home.release = (req) => {
      m.released.push(req);
      return releaseUp ? Promise.resolve() : Promise.reject(new AppFault("HOME_PLATFORM_UNAVAILABLE"));
    };
    const authorizer = new HomeAuthorizer(m.home, pino({ level: "silent" }));
    const first = authorizer.authorize(name, request);
    await turn();
    m.settle[0]!.reject(new AppFault("HOME_PLATFORM_UNAVAILABLE"));
    await expect(first).rejects.toMatchObject({ code: "HOME_PLATFORM_UNAVAILABLE" });
    expect(m.released).toHaveLength(1);

    // The platform still unreachable for releases: a retry is refused without asking to authorize.
    await expect(authorizer.authorize(name, request)).rejects.toMatchObject({ code: "HOME_PLATFORM_UNAVAILABLE" });
    expect(m.calls).toHaveLength(1);
    expect(m.released.map((r) => r.handlingId)).toEqual([m.calls[0]!.handlingId, m.calls[0]!.handlingId]);

    // Once the release is acknowledged, the retry authorizes: the released ID answers voided, the next is approved.
    releaseUp = true;
    const retry = authorizer.authorize(name, request);
    await turn();
    expect(m.released).toHaveLength(3);
    expect(m.calls).toHaveLength(2);
    m.settle[1]!.resolve({ approved: false, voided: true });
    await turn();
    m.settle[2]!.resolve(approved);
    await expect(retry).resolves.toEqual({ handlingId: m.calls[2]!.handlingId, authorization: approved });
    expect(m.calls[2]!.handlingId).not.toBe(m.calls[0]!.handlingId);

    // Nothing is sent again after that.
    const later = authorizer.authorize(name, request);
    await turn();
    expect(m.released).toHaveLength(3);
    m.settle[3]!.resolve({ approved: false, voided: true });
    await turn();
    m.settle[4]!.resolve(approved);
    await expect(later).resolves.toMatchObject({ authorization: approved });
  });

  it("a refusal before sending (BAD_USER_INPUT) is not ambiguous: nothing is released", async () => {
    const m = manualHome();
    m.home.authorize = () => Promise.reject(new AppFault("BAD_USER_INPUT"));
    const authorizer = new HomeAuthorizer(m.home, pino({ level: "silent" }));
    await expect(authorizer.authorize(name, request)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(m.released).toEqual([]);
  });
  it("issue 12: the hidden answer to a checkViewer request is final: no next generation, nothing released, twins share it", async () => {
    const m = manualHome();
    const authorizer = new HomeAuthorizer(m.home, pino({ level: "silent" }));
    const flagged = (handlingId: string): AuthorizeRequest => ({ ...request(handlingId), checkViewer: true });
    const first = authorizer.authorize(name, flagged);
    const twin = authorizer.authorize(name, flagged);
    await turn();
    m.settle[0]!.resolve({ approved: false, visible: false });
    const hidden = { handlingId: m.calls[0]!.handlingId, authorization: { approved: false, visible: false } };
    await expect(first).resolves.toEqual(hidden);
    await expect(twin).resolves.toEqual(hidden);
    expect(m.calls).toHaveLength(1);
    expect(m.calls[0]!.checkViewer).toBe(true);
    expect(m.released).toEqual([]);
  });
});
