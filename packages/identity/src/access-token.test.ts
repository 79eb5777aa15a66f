import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_AUDIENCE, signAccessToken, verifyAccessToken } from "./access-token";
import { signIdentity } from "./identity-token";
import { TokenError } from "./errors";
import { directory, keysOf } from "./test-keys";

const platform = keysOf("home-platform").signer;
const now = new Date("2026-03-01T08:00:00Z");

describe("access tokens", () => {
  it("round-trips a citizen identity signed with the platform's key", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-1" }, { signer: platform, now });
    expect(await verifyAccessToken(token, { directory, now })).toEqual({ kind: "CITIZEN", accountId: "acc-1" });
  });

  it("checks a token's identity once: the same token verified again gives the same frozen identity (issue 12)", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-2" }, { signer: platform, now });
    const first = await verifyAccessToken(token, { directory, now });
    expect(Object.isFrozen(first)).toBe(true);
    expect(await verifyAccessToken(token, { directory, now })).toBe(first);
  });

  it("verifies against the platform's published JWKS alone, as another router would (issue 13)", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-1" }, { signer: platform, now });
    const jwks = createLocalJWKSet(JSON.parse(JSON.stringify(directory.jwksOf("home-platform"))) as Parameters<typeof createLocalJWKSet>[0]);
    const { payload } = await jwtVerify(token, jwks, { issuer: "home-platform", audience: ACCESS_TOKEN_AUDIENCE, currentDate: now });
    expect(payload["idn"]).toEqual({ kind: "CITIZEN", accountId: "acc-1" });
    expect(payload.sub).toBe("citizen:acc-1");
  });

  it("expires after its lifetime", async () => {
    const token = await signAccessToken({ kind: "BANK", bankId: "psbc" }, { signer: platform, now, ttlSeconds: 60 });
    const later = new Date(now.getTime() + 10 * 60_000);
    await expect(verifyAccessToken(token, { directory, now: later })).rejects.toMatchObject({ code: "TOKEN_EXPIRED" });
  });

  it("refuses an identity header presented as an access token (typ and audience differ)", async () => {
    const header = await signIdentity({ kind: "CITIZEN", accountId: "acc-1" }, { signer: keysOf("gateway").signer, now });
    await expect(verifyAccessToken(header, { directory, now })).rejects.toBeInstanceOf(TokenError);
  });

  it("refuses a token from a service that may not issue access tokens (a province)", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-1" }, { signer: keysOf("province-51").signer, now });
    await expect(verifyAccessToken(token, { directory, now })).rejects.toMatchObject({ code: "TOKEN_INVALID" });
  });
});
