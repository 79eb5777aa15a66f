import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockFromConfig, clockRoutes, CLOCK_PATH, clockConfigSchema } from "./clock-routes";
import { VirtualClock } from "./clock";
import { startHttpServer, type RunningHttpServer } from "./http";

describe("clock routes", () => {
  const clock = new VirtualClock("2026-05-01T13:59:00Z");
  let host: RunningHttpServer;
  beforeAll(async () => {
    host = await startHttpServer({ routes: clockRoutes(clock, async (req) => req.headers.authorization === "Bearer ok") });
  });
  afterAll(() => host.close());

  const post = (body: unknown, auth = "Bearer ok") =>
    fetch(`${host.url}${CLOCK_PATH}`, { method: "POST", headers: { "content-type": "application/json", authorization: auth }, body: JSON.stringify(body) });

  it("sets and advances the virtual clock for an authorized caller", async () => {
    expect((await post({ set: "2026-05-01T14:00:00Z" })).status).toBe(200);
    expect(clock.now().toISOString()).toBe("2026-05-01T14:00:00.000Z");
    const res = await post({ advanceMs: 7_200_000 });
    expect(await res.json()).toEqual({ now: "2026-05-01T16:00:00.000Z" });
  });

  it("refuses an unauthorized caller and leaves the time alone", async () => {
    const before = clock.now().toISOString();
    expect((await post({ advanceMs: 1000 }, "Bearer nope")).status).toBe(403);
    expect(clock.now().toISOString()).toBe(before);
  });

  it("answers GET only to an authorized caller (issue 10 §6: internal routes answer only service credentials)", async () => {
    expect((await fetch(`${host.url}${CLOCK_PATH}`)).status).toBe(403);
    expect((await fetch(`${host.url}${CLOCK_PATH}`, { headers: { authorization: "Bearer nope" } })).status).toBe(403);
    const res = await fetch(`${host.url}${CLOCK_PATH}`, { headers: { authorization: "Bearer ok" } });
    expect(await res.json()).toEqual({ now: clock.now().toISOString() });
  });

  it("refuses a malformed move", async () => {
    expect((await post({ advanceMs: -5 })).status).toBe(400);
  });

  it("builds a frozen or system clock from config", () => {
    const frozen = clockFromConfig(clockConfigSchema.parse({ mode: "virtual", start: "2026-01-01T00:00:00Z", ticking: false }));
    expect(frozen.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(frozen).toBeInstanceOf(VirtualClock);
    expect(clockFromConfig(clockConfigSchema.parse(undefined))).not.toBeInstanceOf(VirtualClock);
  });
});
