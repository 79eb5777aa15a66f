import { describe, expect, it } from "vitest";
import { signAccessStatement, statementCovers, verifyAccessStatement, type AccessStatement } from "./access-statement";
import { signerFromJwk, generateServiceKey, signToken } from "./signing";
import { directory, keysOf, tokenErrorCode as code } from "./test-keys";

const now = new Date("2026-03-01T08:00:00Z");
const platform = keysOf("home-platform").signer;
const lease: AccessStatement = {
  accountId: "acc-1",
  plate: "渝A12345",
  periods: [[Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-10T00:00:00Z")]],
};

describe("access statements (issue 11, docs/design.md §4)", () => {
  it("round-trip the platform's word: account, plate, lease periods or ALL", async () => {
    expect(await verifyAccessStatement(await signAccessStatement(lease, platform, now), directory, now)).toEqual(lease);
    const owner: AccessStatement = { accountId: "acc-2", plate: "渝B00001", periods: "ALL" };
    expect(await verifyAccessStatement(await signAccessStatement(owner, platform, now), directory, now)).toEqual(owner);
  });

  it("R-ELG-7: cover a lessee's violation inside [since, until) only, and only for that account and plate", () => {
    const [since, until] = lease.periods[0] as [number, number];
    expect(statementCovers(lease, "acc-1", "渝A12345", new Date(since))).toBe(true);
    expect(statementCovers(lease, "acc-1", "渝A12345", new Date(until - 1))).toBe(true);
    expect(statementCovers(lease, "acc-1", "渝A12345", new Date(until))).toBe(false);
    expect(statementCovers(lease, "acc-1", "渝A12345", new Date(since - 1))).toBe(false);
    expect(statementCovers(lease, "acc-other", "渝A12345", new Date(since))).toBe(false);
    expect(statementCovers(lease, "acc-1", "渝A99999", new Date(since))).toBe(false);
    const all: AccessStatement = { ...lease, periods: "ALL" };
    expect(statementCovers(all, "acc-1", "渝A12345", new Date(0))).toBe(true);
    expect(statementCovers(all, "acc-other", "渝A12345", new Date(0))).toBe(false);
  });

  it("are refused when expired", async () => {
    const token = await signAccessStatement(lease, platform, now);
    expect(await code(verifyAccessStatement(token, directory, new Date(now.getTime() + 120_000)))).toBe("TOKEN_EXPIRED");
  });

  it("are refused from a signer that is not a platform (a province shard), or from a key not in the directory", async () => {
    expect(await code(verifyAccessStatement(await signAccessStatement(lease, keysOf("province-51").signer, now), directory, now))).toBe("TOKEN_INVALID");
    const stranger = signerFromJwk("home-platform", generateServiceKey("home-platform").privateJwk);
    expect(await code(verifyAccessStatement(await signAccessStatement(lease, stranger, now), directory, now))).toBe("TOKEN_INVALID");
  });

  it("are refused when tampered with (another account put in the body) or of another kind of token", async () => {
    const token = await signAccessStatement(lease, platform, now);
    const [header, body, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "acc-other" })).toString("base64url")}.${signature}`;
    expect(await code(verifyAccessStatement(forged, directory, now))).toBe("TOKEN_INVALID");
    const serviceToken = await signToken({ plate: lease.plate, per: "ALL" }, platform, { typ: "jg-service+jwt", audience: "jg-province", subject: "acc-1", ttlSeconds: 30, now });
    expect(await code(verifyAccessStatement(serviceToken, directory, now))).toBe("TOKEN_CLAIMS_INVALID");
  });

  it("are refused with malformed periods", async () => {
    const token = await signToken({ plate: lease.plate, per: [["x", 1]] }, platform, { typ: "jg-access+jwt", audience: "jg-province", subject: "acc-1", ttlSeconds: 30, now });
    expect(await code(verifyAccessStatement(token, directory, now))).toBe("TOKEN_CLAIMS_INVALID");
  });
});
