import { describe, expect, it } from "vitest";
import { signAccessToken, verifyAccessToken } from "./access-token";
import { signIdentity } from "./identity-token";
import { TokenError } from "./errors";

const secret = "access-token-secret-of-at-least-32-bytes!";
const now = new Date("2026-03-01T08:00:00Z");

describe("access tokens", () => {
  it("round-trips a citizen identity", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-1" }, { secret, now });
    expect(await verifyAccessToken(token, { secret, now })).toEqual({ kind: "CITIZEN", accountId: "acc-1" });
  });

  it("expires after its lifetime", async () => {
    const token = await signAccessToken({ kind: "BANK", bankId: "psbc" }, { secret, now, ttlSeconds: 60 });
    const later = new Date(now.getTime() + 10 * 60_000);
    await expect(verifyAccessToken(token, { secret, now: later })).rejects.toMatchObject({ code: "TOKEN_EXPIRED" });
  });

  it("refuses an identity header presented as an access token (different audience)", async () => {
    const header = await signIdentity({ kind: "CITIZEN", accountId: "acc-1" }, { secret, now });
    await expect(verifyAccessToken(header, { secret, now })).rejects.toBeInstanceOf(TokenError);
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signAccessToken({ kind: "CITIZEN", accountId: "acc-1" }, { secret: `${secret}-other`, now });
    await expect(verifyAccessToken(token, { secret, now })).rejects.toBeInstanceOf(TokenError);
  });
});
