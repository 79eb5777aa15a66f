import { describe, expect, it } from "vitest";
import { signAccessToken } from "./access-token";
import { readCarriedIdentity } from "./carried-identity";
import { TokenError } from "./errors";
import { generateKeySet, signerOf } from "./generate";
import type { Identity } from "./identity";
import { IDENTITY_HEADER, signIdentity } from "./identity-token";
import { KeyDirectory } from "./keys";

// Issue 13: what a standard router in front of the subgraphs may carry, and what stays refused.
const set = generateKeySet([
  { service: "gateway", roles: ["edge", "composer"] },
  { service: "home-platform", roles: ["platform", "issuer"], alg: "ES256" },
  { service: "launcher", roles: ["service", "issuer"] },
  { service: "hive-gateway", roles: ["third-party-edge"] },
  { service: "province-51", roles: ["province"], province: "51" },
]);
const outsider = generateKeySet([{ service: "gateway", roles: ["edge"] }]);
const directory = new KeyDirectory(set.directory);
const now = new Date("2026-03-01T08:00:00Z");
const citizen: Identity = { kind: "CITIZEN", accountId: "a-1" };
const partner: Identity = { kind: "PARTNER", partnerId: "p-1", companyId: "c-1" };

async function refusal(headers: Record<string, string>): Promise<TokenError> {
  const err = await readCarriedIdentity(headers, directory, now).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenError);
  return err as TokenError;
}

describe("identity a standard router can carry to the subgraphs (issue 13)", () => {
  it("accepts our edge's identity header, as before", async () => {
    const header = await signIdentity(citizen, { signer: signerOf(set, "gateway"), now });
    expect(await readCarriedIdentity({ [IDENTITY_HEADER]: header }, directory, now)).toMatchObject({ identity: citizen, carriedBy: "edge" });
  });

  it("accepts the caller's own bearer token from an issuer, ES256 (what Hive Gateway's JWT plugin verifies) or EdDSA", async () => {
    for (const issuer of ["home-platform", "launcher"]) {
      const token = await signAccessToken(citizen, { signer: signerOf(set, issuer), now });
      expect(await readCarriedIdentity({ authorization: `Bearer ${token}` }, directory, now)).toMatchObject({ identity: citizen, carriedBy: "bearer" });
    }
  });

  it("accepts a third-party edge's header for the callers it authenticates itself: partners and anonymous clients", async () => {
    const hive = signerOf(set, "hive-gateway");
    for (const identity of [partner, { kind: "ANONYMOUS" } as Identity]) {
      const header = await signIdentity(identity, { signer: hive, now });
      expect(await readCarriedIdentity({ [IDENTITY_HEADER]: header }, directory, now)).toMatchObject({ identity, carriedBy: "third-party-edge" });
    }
  });

  it("refuses no credential at all (TOKEN_MISSING), as before", async () => {
    expect((await refusal({})).code).toBe("TOKEN_MISSING");
  });

  it("refuses an unsigned or foreign-signed header and bearer token", async () => {
    const [h, p] = (await signIdentity(citizen, { signer: signerOf(set, "gateway"), now })).split(".");
    expect((await refusal({ [IDENTITY_HEADER]: `${h}.${p}.` })).code).toMatch(/TOKEN_MALFORMED|TOKEN_INVALID/);
    const forged = await signIdentity(citizen, { signer: signerOf(outsider, "gateway"), now });
    expect((await refusal({ [IDENTITY_HEADER]: forged })).code).toBe("TOKEN_INVALID");
    const [ah, ap] = (await signAccessToken(citizen, { signer: signerOf(set, "home-platform"), now })).split(".");
    expect((await refusal({ authorization: `Bearer ${ah}.${ap}.` })).code).toMatch(/TOKEN_MALFORMED|TOKEN_INVALID/);
  });

  it("refuses the wrong role: a third-party edge naming a citizen, a province signing a header, an edge issuing a bearer token", async () => {
    const hiveCitizen = await signIdentity(citizen, { signer: signerOf(set, "hive-gateway"), now });
    expect((await refusal({ [IDENTITY_HEADER]: hiveCitizen })).code).toBe("TOKEN_INVALID");
    const provinceHeader = await signIdentity(citizen, { signer: signerOf(set, "province-51"), now });
    expect((await refusal({ [IDENTITY_HEADER]: provinceHeader })).code).toBe("TOKEN_INVALID");
    const edgeBearer = await signAccessToken(citizen, { signer: signerOf(set, "gateway"), now });
    expect((await refusal({ authorization: `Bearer ${edgeBearer}` })).code).toBe("TOKEN_INVALID");
    // An identity header is not a bearer token, nor the reverse (typ).
    const header = await signIdentity(citizen, { signer: signerOf(set, "gateway"), now });
    expect((await refusal({ authorization: `Bearer ${header}` })).code).toBe("TOKEN_INVALID");
  });

  it("refuses expired credentials of either kind", async () => {
    const old = new Date(now.getTime() - 3 * 3600_000);
    const header = await signIdentity(citizen, { signer: signerOf(set, "gateway"), now: old });
    expect((await refusal({ [IDENTITY_HEADER]: header })).code).toBe("TOKEN_EXPIRED");
    const token = await signAccessToken(citizen, { signer: signerOf(set, "home-platform"), now: old, ttlSeconds: 3600 });
    expect((await refusal({ authorization: `Bearer ${token}` })).code).toBe("TOKEN_EXPIRED");
  });

  it("refuses an identity header and a bearer token at once, and a non-bearer authorization", async () => {
    const header = await signIdentity(partner, { signer: signerOf(set, "hive-gateway"), now });
    const token = await signAccessToken(citizen, { signer: signerOf(set, "home-platform"), now });
    expect((await refusal({ [IDENTITY_HEADER]: header, authorization: `Bearer ${token}` })).code).toBe("TOKEN_MALFORMED");
    expect((await refusal({ authorization: "Basic dXNlcjpwYXNz" })).code).toBe("TOKEN_MALFORMED");
  });
});
