import { describe, expect, it } from "vitest";
import { TokenError } from "./errors";
import { authenticateService, bearer, signServiceToken, verifyServiceToken } from "./service-token";

const secret = "internal-service-shared-secret-0123456789";
const now = new Date("2026-03-01T08:00:00Z");
const claims = { service: "province-51", audience: "home-platform" };

async function code(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenError);
  return (err as TokenError).code;
}

describe("service tokens", () => {
  it("round-trips the calling service for its audience", async () => {
    const token = await signServiceToken(claims, secret, now);
    expect(await verifyServiceToken(token, { secret, audience: "home-platform", now })).toEqual(claims);
    expect(await authenticateService(bearer(token), { secret, audience: "home-platform", now })).toEqual(claims);
    expect(await authenticateService({ Authorization: bearer(token) }, { secret, audience: "home-platform", now })).toEqual(
      claims,
    );
  });

  it("refuses a token addressed to another service", async () => {
    const token = await signServiceToken(claims, secret, now);
    expect(await code(verifyServiceToken(token, { secret, audience: "province-50", now }))).toBe("TOKEN_CLAIMS_INVALID");
  });

  it("refuses a wrong secret, an expired token, and a missing or non-bearer header", async () => {
    const token = await signServiceToken(claims, secret, now);
    const options = { secret: "someone-elses-secret-0123456789abcdefgh", audience: "home-platform", now };
    expect(await code(verifyServiceToken(token, options))).toBe("TOKEN_INVALID");
    const late = new Date(now.getTime() + 120_000);
    expect(await code(verifyServiceToken(token, { secret, audience: "home-platform", now: late }))).toBe("TOKEN_EXPIRED");
    expect(await code(authenticateService(undefined, { secret, audience: "home-platform", now }))).toBe("TOKEN_MISSING");
    expect(await code(authenticateService(`Basic ${token}`, { secret, audience: "home-platform", now }))).toBe(
      "TOKEN_MALFORMED",
    );
  });

  it("refuses a token issued in the future beyond the clock tolerance", async () => {
    const token = await signServiceToken(claims, secret, new Date(now.getTime() + 3_600_000));
    expect(await code(verifyServiceToken(token, { secret, audience: "home-platform", now }))).toBe("TOKEN_CLAIMS_INVALID");
  });
});
