import { describe, expect, it } from "vitest";
import { TokenError } from "./errors";
import type { Identity } from "./identity";
import { IDENTITY_HEADER, IDENTITY_REUSE_MS, IDENTITY_TTL_SECONDS, identityHeaders, readIdentity, signIdentity, verifyIdentity, verifyIdentityToken } from "./identity-token";
import { signServiceToken } from "./service-token";
import { directory, keysOf } from "./test-keys";

const edge = keysOf("gateway").signer;
const now = new Date("2026-03-01T08:00:00Z");
const officer: Identity = { kind: "OFFICER", officerId: "o-17", provinceCode: "51" };
const opts = { directory, now };

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
  it("round-trips every kind of identity with the request ID and the signing edge", async () => {
    const all: Identity[] = [
      { kind: "CITIZEN", accountId: "a-1" },
      officer,
      { kind: "CAMERA", systemId: "cam-9", provinceCode: "50" },
      { kind: "PARTNER", partnerId: "p-1", companyId: "c-1" },
      { kind: "BANK", bankId: "psbc" },
      { kind: "SERVICE", service: "simulator" },
      { kind: "ANONYMOUS" },
    ];
    for (const identity of all) {
      const token = await signIdentity(identity, { signer: edge, now, requestId: "req-42" });
      const verified = await verifyIdentityToken(token, { directory, now: new Date(now.getTime() + 30_000) });
      expect(verified.identity).toEqual(identity);
      expect(verified.requestId).toBe("req-42");
      expect(verified.edge.service).toBe("gateway");
    }
  });

  it("refuses a token whose claims were altered after signing", async () => {
    const token = await signIdentity(officer, { signer: edge, now });
    expect((await refusal(verifyIdentity(tamper(token), opts))).code).toBe("TOKEN_INVALID");
  });

  it("takes the identity header only from an edge in the directory: a province's or the platform's own key is refused", async () => {
    for (const service of ["province-51", "home-platform"]) {
      const token = await signIdentity(officer, { signer: keysOf(service).signer, now });
      expect((await refusal(verifyIdentity(token, opts))).code).toBe("TOKEN_INVALID");
    }
  });

  it("refuses a token after its 60 s lifetime, measured on the injected clock", async () => {
    const token = await signIdentity(officer, { signer: edge, now });
    await expect(verifyIdentity(token, { directory, now: new Date(now.getTime() + 60_000) })).resolves.toEqual(officer);
    const late = new Date(now.getTime() + 66_000); // past exp plus the 5 s tolerance
    expect((await refusal(verifyIdentity(token, { directory, now: late }))).code).toBe("TOKEN_EXPIRED");
  });

  it("refuses a service token of the edge presented as an identity (typ and audience differ)", async () => {
    const token = await signServiceToken("jg-subgraph", edge, now);
    expect((await refusal(verifyIdentity(token, opts))).code).toBe("TOKEN_CLAIMS_INVALID");
  });

  it("refuses garbage as malformed and an identity that fails the schema at signing", async () => {
    expect((await refusal(verifyIdentity("not-a-jwt", opts))).code).toBe("TOKEN_MALFORMED");
    await expect(signIdentity({ kind: "CITIZEN", accountId: "" }, { signer: edge, now })).rejects.toThrow();
  });
});

describe("readIdentity", () => {
  it("refuses a request without the header: no edge vouched for it (issue 10 §4)", async () => {
    expect((await refusal(readIdentity({ host: "x" }, directory, now))).code).toBe("TOKEN_MISSING");
    expect((await refusal(readIdentity(new Headers(), directory, now))).code).toBe("TOKEN_MISSING");
  });

  it("reads a valid header from node headers and from fetch Headers, any case", async () => {
    const token = await signIdentity(officer, { signer: edge, now });
    expect(await readIdentity({ [IDENTITY_HEADER]: token }, directory, now)).toEqual(officer);
    expect(await readIdentity({ "X-JG-Identity": token }, directory, now)).toEqual(officer);
    expect(await readIdentity(new Headers({ [IDENTITY_HEADER]: token }), directory, now)).toEqual(officer);
  });

  it("throws on a forged, empty or repeated header", async () => {
    const token = await signIdentity(officer, { signer: edge, now });
    await refusal(readIdentity({ [IDENTITY_HEADER]: tamper(token) }, directory, now));
    await refusal(readIdentity({ [IDENTITY_HEADER]: "" }, directory, now));
    await refusal(readIdentity({ [IDENTITY_HEADER]: [token, token] }, directory, now));
  });
});

describe("identityHeaders (issue 12)", () => {
  const citizen: Identity = { kind: "CITIZEN", accountId: "a-1" };
  const at = (ms: number) => new Date(now.getTime() + ms);

  it("signs one header per identity for the reuse window, then a new one; another identity gets its own", async () => {
    const headerOf = identityHeaders(edge);
    const first = await headerOf(citizen, now);
    expect(await headerOf({ ...citizen }, at(1000))).toBe(first);
    expect(await headerOf(citizen, at(IDENTITY_REUSE_MS - 1))).toBe(first);
    const other = await headerOf(officer, at(1000));
    expect(other).not.toBe(first);
    expect(await verifyIdentity(other, { directory, now: at(1000) })).toEqual(officer);
    const later = await headerOf(citizen, at(IDENTITY_REUSE_MS));
    expect(later).not.toBe(first);
    expect(await verifyIdentity(later, { directory, now: at(IDENTITY_REUSE_MS) })).toEqual(citizen);
  });

  it("never hands out a header that is not valid yet or near its expiry: a clock gone back re-signs, the window stays within half the lifetime", async () => {
    const headerOf = identityHeaders(edge, { reuseMs: 10 * IDENTITY_TTL_SECONDS * 1000 });
    const first = await headerOf(citizen, now);
    const back = await headerOf(citizen, at(-20_000));
    expect(back).not.toBe(first);
    expect(await verifyIdentity(back, { directory, now: at(-20_000) })).toEqual(citizen);
    const headerAgain = identityHeaders(edge, { reuseMs: 10 * IDENTITY_TTL_SECONDS * 1000 });
    const signed = await headerAgain(citizen, now);
    const halfway = at((IDENTITY_TTL_SECONDS * 1000) / 2);
    const renewed = await headerAgain(citizen, halfway);
    expect(renewed).not.toBe(signed);
    expect(await verifyIdentity(renewed, { directory, now: at(IDENTITY_TTL_SECONDS * 1000) })).toEqual(citizen);
  });

  it("refuses an identity that fails the schema and carries no request ID", async () => {
    const headerOf = identityHeaders(edge);
    await expect(headerOf({ kind: "CITIZEN", accountId: "" }, now)).rejects.toThrow();
    expect((await verifyIdentityToken(await headerOf(citizen, now), opts)).requestId).toBeUndefined();
  });
});

describe("a verified header's identity (issue 12)", () => {
  it("is checked once per verified token: the same header read again gives the same frozen identity, another header its own", async () => {
    const token = await signIdentity(officer, { signer: edge, now });
    const first = await verifyIdentity(token, opts);
    expect(first).toEqual(officer);
    expect(Object.isFrozen(first)).toBe(true);
    expect(await verifyIdentity(token, opts)).toBe(first);
    const other = await signIdentity({ kind: "CITIZEN", accountId: "a-9" }, { signer: edge, now });
    expect(await verifyIdentity(other, opts)).toEqual({ kind: "CITIZEN", accountId: "a-9" });
  });
});
