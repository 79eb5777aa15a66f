import { describe, expect, it } from "vitest";
import { TokenError } from "./errors";
import type { Identity } from "./identity";
import { IDENTITY_HEADER, readIdentity, signIdentity, verifyIdentity, verifyIdentityToken } from "./identity-token";
import { signServiceToken } from "./service-token";

const secret = "gateway-subgraph-shared-secret-0123456789";
const other = "another-secret-nobody-shares-0123456789ab";
const now = new Date("2026-03-01T08:00:00Z");
const officer: Identity = { kind: "OFFICER", officerId: "o-17", provinceCode: "51" };

async function refusal(promise: Promise<unknown>): Promise<TokenError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenError);
  return err as TokenError;
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  claims["idn"] = { kind: "OFFICER", officerId: "o-17", provinceCode: "50" };
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}

describe("identity header", () => {
  it("round-trips every kind of identity with the request ID", async () => {
    const all: Identity[] = [
      { kind: "CITIZEN", accountId: "a-1" },
      officer,
      { kind: "CAMERA", systemId: "cam-9", provinceCode: "50" },
      { kind: "PARTNER", partnerId: "p-1", companyId: "c-1" },
      { kind: "BANK", bankId: "psbc" },
      { kind: "SERVICE", service: "simulator" },
    ];
    for (const identity of all) {
      const token = await signIdentity(identity, { secret, now, requestId: "req-42" });
      const verified = await verifyIdentityToken(token, { secret, now: new Date(now.getTime() + 30_000) });
      expect(verified).toEqual({ identity, requestId: "req-42" });
    }
  });

  it("refuses a token whose claims were altered after signing", async () => {
    const token = await signIdentity(officer, { secret, now });
    expect((await refusal(verifyIdentity(tamper(token), { secret, now }))).code).toBe("TOKEN_INVALID");
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signIdentity(officer, { secret: other, now });
    expect((await refusal(verifyIdentity(token, { secret, now }))).code).toBe("TOKEN_INVALID");
  });

  it("refuses a token after its 60 s lifetime, measured on the injected clock", async () => {
    const token = await signIdentity(officer, { secret, now });
    await expect(verifyIdentity(token, { secret, now: new Date(now.getTime() + 60_000) })).resolves.toEqual(officer);
    const late = new Date(now.getTime() + 66_000); // past exp plus the 5 s tolerance
    expect((await refusal(verifyIdentity(token, { secret, now: late }))).code).toBe("TOKEN_EXPIRED");
  });

  it("refuses a service token presented as an identity (audience and issuer mismatch)", async () => {
    const token = await signServiceToken({ service: "province-51", audience: "jg-subgraph" }, secret, now);
    expect((await refusal(verifyIdentity(token, { secret, now }))).code).toBe("TOKEN_CLAIMS_INVALID");
  });

  it("refuses garbage as malformed and an identity that fails the schema at signing", async () => {
    expect((await refusal(verifyIdentity("not-a-jwt", { secret, now }))).code).toBe("TOKEN_MALFORMED");
    await expect(signIdentity({ kind: "CITIZEN", accountId: "" }, { secret, now })).rejects.toThrow();
  });

  it("refuses a secret shorter than 32 bytes", async () => {
    await expect(signIdentity(officer, { secret: "short", now })).rejects.toThrow(RangeError);
  });
});

describe("readIdentity", () => {
  it("answers null when the header is absent (anonymous request)", async () => {
    expect(await readIdentity({ host: "x" }, secret, now)).toBeNull();
    expect(await readIdentity(new Headers(), secret, now)).toBeNull();
  });

  it("reads a valid header from node headers and from fetch Headers, any case", async () => {
    const token = await signIdentity(officer, { secret, now });
    expect(await readIdentity({ [IDENTITY_HEADER]: token }, secret, now)).toEqual(officer);
    expect(await readIdentity({ "X-JG-Identity": token }, secret, now)).toEqual(officer);
    expect(await readIdentity(new Headers({ [IDENTITY_HEADER]: token }), secret, now)).toEqual(officer);
  });

  it("throws on a present but forged header instead of treating it as anonymous", async () => {
    const token = await signIdentity(officer, { secret, now });
    await refusal(readIdentity({ [IDENTITY_HEADER]: tamper(token) }, secret, now));
    await refusal(readIdentity({ [IDENTITY_HEADER]: "" }, secret, now));
    await refusal(readIdentity({ [IDENTITY_HEADER]: [token, token] }, secret, now));
  });
});
