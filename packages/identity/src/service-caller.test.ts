import { describe, expect, it, vi } from "vitest";

/** Codes of every TokenError built while this file's tests run (the module is wrapped below). */
const built = vi.hoisted(() => [] as string[]);
vi.mock("./errors", async (importOriginal) => {
  const original = await importOriginal<typeof import("./errors")>();
  class CountedTokenError extends original.TokenError {
    constructor(...args: ConstructorParameters<typeof original.TokenError>) {
      super(...args);
      built.push(args[0]);
    }
  }
  return { ...original, TokenError: CountedTokenError };
});

const { bearer, isComposer, isServiceCaller, signServiceToken, COMPOSE_AUDIENCE } = await import("./service-token");
const { directory, keysOf } = await import("./test-keys");

const now = new Date("2026-03-01T08:00:00Z");
const options = { directory, audience: "home-platform", roles: ["service"] as const, now };

describe("isServiceCaller (issue 12)", () => {
  it("answers a request without a service token false without building a TokenError (every GraphQL request asks isComposer)", async () => {
    built.length = 0;
    expect(await isComposer({ host: "x", "x-jg-identity": "a.b.c" }, directory, now)).toBe(false);
    expect(await isServiceCaller(undefined, options)).toBe(false);
    expect(await isServiceCaller("", options)).toBe(false);
    expect(await isServiceCaller({ authorization: "" }, options)).toBe(false);
    expect(await isServiceCaller(new Headers(), options)).toBe(false);
    expect(built).toEqual([]);
  });

  it("still answers false for a repeated, malformed or invalid token and true for a valid one, any header case", async () => {
    const token = await signServiceToken("home-platform", keysOf("launcher").signer, now);
    expect(await isServiceCaller({ authorization: [bearer(token), bearer(token)] }, options)).toBe(false);
    expect(await isServiceCaller({ authorization: "Basic x" }, options)).toBe(false);
    expect(await isServiceCaller({ authorization: bearer(token) }, { ...options, roles: ["composer"] })).toBe(false);
    expect(await isServiceCaller({ authorization: bearer(token) }, options)).toBe(true);
    expect(await isServiceCaller({ Authorization: bearer(token) }, options)).toBe(true);
    expect(await isServiceCaller(bearer(token), options)).toBe(true);
    const composer = await signServiceToken(COMPOSE_AUDIENCE, keysOf("gateway").signer, now);
    expect(await isComposer({ authorization: bearer(composer) }, directory, now)).toBe(true);
  });
});
