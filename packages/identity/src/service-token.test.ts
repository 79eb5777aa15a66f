import { describe, expect, it } from "vitest";
import { authenticateService, bearer, signServiceToken, verifyServiceToken } from "./service-token";
import { directory, keysOf, tokenErrorCode as code } from "./test-keys";

const now = new Date("2026-03-01T08:00:00Z");
const p51 = keysOf("province-51").signer;
const audience = "home-platform";

describe("service tokens", () => {
  it("round-trips the calling service, with its roles and province from the directory", async () => {
    const token = await signServiceToken(audience, p51, now);
    const verified = await verifyServiceToken(token, { directory, audience, now });
    expect(verified).toMatchObject({ service: "province-51", audience, signer: { service: "province-51", roles: ["province"], province: "51" } });
    expect((await authenticateService(bearer(token), { directory, audience, now })).service).toBe("province-51");
    expect((await authenticateService({ Authorization: bearer(token) }, { directory, audience, now })).service).toBe("province-51");
  });

  it("refuses a token addressed to another service", async () => {
    const token = await signServiceToken(audience, p51, now);
    expect(await code(verifyServiceToken(token, { directory, audience: "province-50", now }))).toBe("TOKEN_CLAIMS_INVALID");
  });

  it("refuses a caller without one of the required roles", async () => {
    const token = await signServiceToken(audience, p51, now);
    expect(await code(verifyServiceToken(token, { directory, audience, roles: ["composer"], now }))).toBe("TOKEN_INVALID");
  });

  it("refuses an expired token, and a missing or non-bearer header", async () => {
    const token = await signServiceToken(audience, p51, now);
    const late = new Date(now.getTime() + 120_000);
    expect(await code(verifyServiceToken(token, { directory, audience, now: late }))).toBe("TOKEN_EXPIRED");
    expect(await code(authenticateService(undefined, { directory, audience, now }))).toBe("TOKEN_MISSING");
    expect(await code(authenticateService(`Basic ${token}`, { directory, audience, now }))).toBe("TOKEN_MALFORMED");
  });

  it("refuses a token issued in the future beyond the clock tolerance", async () => {
    const token = await signServiceToken(audience, p51, new Date(now.getTime() + 3_600_000));
    expect(await code(verifyServiceToken(token, { directory, audience, now }))).toBe("TOKEN_CLAIMS_INVALID");
  });
});
