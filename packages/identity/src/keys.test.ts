import { createPublicKey, generateKeyPairSync, sign as cryptoSign } from "node:crypto";
import { jwtVerify } from "jose";
import { describe, expect, it, vi } from "vitest";
import { generateKeySet, serviceKeysOf, signerOf } from "./generate";
import { KeyDirectory, VERIFIED_REUSE_MS, type KeyDirectoryJson } from "./keys";
import { keyDirectoryFromConfig, serviceKeysFromEnv } from "./service-keys";
import { generateServiceKey, signerFromJwk, signToken } from "./signing";
import { signServiceToken, verifyServiceToken } from "./service-token";
import { set, tokenErrorCode as code } from "./test-keys";

const now = new Date("2026-03-01T08:00:00Z");
const audience = "home-platform";

/** Province 51 with an old and a new key listed (rotation). */
function rotated(oldStatus: "active" | "retired") {
  const old = generateServiceKey("province-51");
  const fresh = generateServiceKey("province-51");
  const json: KeyDirectoryJson = {
    services: {
      ...set.directory.services,
      "province-51": { roles: ["province"], province: "51", keys: [{ ...old.publicJwk, status: oldStatus }, fresh.publicJwk] as never },
    },
  };
  return {
    directory: new KeyDirectory(json),
    oldSigner: signerFromJwk("province-51", old.privateJwk),
    newSigner: signerFromJwk("province-51", fresh.privateJwk),
  };
}

describe("key directory (issue 10 §5)", () => {
  it("accepts two keys of one service at once during a rotation", async () => {
    const { directory, oldSigner, newSigner } = rotated("active");
    for (const signer of [oldSigner, newSigner]) {
      const token = await signServiceToken(audience, signer, now);
      expect((await verifyServiceToken(token, { directory, audience, now })).service).toBe("province-51");
    }
  });

  it("refuses a retired key, and publishes only the active ones", async () => {
    const { directory, oldSigner, newSigner } = rotated("retired");
    const token = await signServiceToken(audience, oldSigner, now);
    expect(await code(verifyServiceToken(token, { directory, audience, now }))).toBe("TOKEN_INVALID");
    expect(directory.jwksOf("province-51").keys.map((k) => k.kid)).toEqual([newSigner.kid]);
  });

  it("refuses an unknown kid", async () => {
    const stranger = generateServiceKey("province-51");
    const signer = signerFromJwk("province-51", stranger.privateJwk);
    const token = await signServiceToken(audience, signer, now);
    expect(await code(verifyServiceToken(token, { directory: new KeyDirectory(set.directory), audience, now }))).toBe("TOKEN_INVALID");
  });

  it("refuses a key of the wrong service: province 51's key signing as province 52", async () => {
    const p51 = signerOf(set, "province-51");
    const impostor = { ...p51, service: "province-52" }; // iss province-52, kid and key of province 51
    const token = await signServiceToken(audience, impostor, now);
    expect(await code(verifyServiceToken(token, { directory: new KeyDirectory(set.directory), audience, now }))).toBe("TOKEN_INVALID");
    // …and even with province 52's kid in the header, the signature does not verify with 52's key.
    const withKid = { ...impostor, kid: signerOf(set, "province-52").kid };
    const token2 = await signServiceToken(audience, withKid, now);
    expect(await code(verifyServiceToken(token2, { directory: new KeyDirectory(set.directory), audience, now }))).toBe("TOKEN_INVALID");
  });

  it("refuses a signer missing from the directory", async () => {
    const other = generateKeySet([{ service: "province-53", roles: ["province"], province: "53" }]);
    const token = await signServiceToken(audience, signerOf(other, "province-53"), now);
    expect(await code(verifyServiceToken(token, { directory: new KeyDirectory(set.directory), audience, now }))).toBe("TOKEN_INVALID");
  });

  it("refuses a private key in the directory and a province entry without its province", () => {
    const { privateJwk } = generateServiceKey("x");
    expect(() => new KeyDirectory({ services: { x: { roles: ["service"], keys: [privateJwk] as never } } })).toThrow();
    const { publicJwk } = generateServiceKey("y");
    expect(() => new KeyDirectory({ services: { y: { roles: ["province"], keys: [publicJwk] as never } } })).toThrow();
  });

  it("reads keys from the environment and refuses a signing key the directory does not list", () => {
    const env = { SIGNING_KEY: set.privateKeys["province-51"], KEY_DIRECTORY: JSON.stringify(set.directory) };
    expect(serviceKeysFromEnv("province-51", env).signer.service).toBe("province-51");
    expect(() => serviceKeysFromEnv("province-52", env)).toThrow(/not an active key/);
    expect(() => serviceKeysFromEnv("province-51", { KEY_DIRECTORY: env.KEY_DIRECTORY })).toThrow(/SIGNING_KEY/);
    expect(() => serviceKeysFromEnv("province-51", { SIGNING_KEY: env.SIGNING_KEY })).toThrow(/KEY_DIRECTORY/);
    expect(() => keyDirectoryFromConfig("{not json")).toThrow(/KEY_DIRECTORY/);
    expect(serviceKeysOf(set, "launcher").directory.services).toContain("gateway");
  });

  it("gives the services of one process configured with one directory the same directory object (one verified-token cache)", () => {
    const text = JSON.stringify(set.directory);
    const a = serviceKeysFromEnv("province-51", { SIGNING_KEY: set.privateKeys["province-51"], KEY_DIRECTORY: text });
    const b = serviceKeysFromEnv("province-52", { SIGNING_KEY: set.privateKeys["province-52"], KEY_DIRECTORY: text });
    expect(a.directory).toBe(b.directory);
    const other = generateKeySet([{ service: "province-51", roles: ["province"], province: "51" }]);
    expect(keyDirectoryFromConfig(JSON.stringify(other.directory))).not.toBe(a.directory);
  });

  it("generates keys for 32 services quickly enough for a launcher", () => {
    const specs = Array.from({ length: 32 }, (_, i) => ({ service: `province-${10 + i}`, roles: ["province" as const], province: String(10 + i) }));
    const generated = generateKeySet(specs);
    expect(Object.keys(generated.privateKeys)).toHaveLength(32);
    expect(new Set(Object.values(generated.directory.services).map((e) => e.keys[0]!.kid)).size).toBe(32);
  });

  it("signs compact JWS (EdDSA and ES256) that jose verifies with the public key alone", async () => {
    const ed = generateServiceKey("province-51");
    const ec = signerFromJwk("province-51", createPublicKeyPair("P-256"));
    for (const signer of [signerFromJwk("province-51", ed.privateJwk), ec]) {
      const token = await signToken({ idn: { kind: "ANONYMOUS" } }, signer, { typ: "x+jwt", audience, subject: "s", jti: "r-1", ttlSeconds: 60, now });
      const { payload, protectedHeader } = await jwtVerify(token, createPublicKey(signer.key), { audience, issuer: "province-51", typ: "x+jwt", currentDate: now });
      expect(protectedHeader).toEqual({ alg: signer.alg, typ: "x+jwt", kid: signer.kid });
      expect(payload).toEqual({ idn: { kind: "ANONYMOUS" }, iss: "province-51", aud: audience, sub: "s", jti: "r-1", iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 60 });
    }
  });

  describe("remembers a verified token for a few seconds (issue 11)", () => {
    const signer = signerOf(set, "province-51");
    const options = { typ: "jg-service+jwt", audience, roles: ["province"] as const, now };
    const at = (ms: number) => ({ ...options, now: new Date(now.getTime() + ms) });

    it("checks the signature once for the same token, typ, audience and roles within the window", async () => {
      const directory = new KeyDirectory(set.directory);
      const checks = vi.spyOn(directory as unknown as { verifyOnce: () => unknown }, "verifyOnce");
      const token = await signServiceToken(audience, signer, now);
      const first = await directory.verify(token, options);
      expect(await directory.verify(token, at(VERIFIED_REUSE_MS - 1))).toEqual(first);
      expect(checks).toHaveBeenCalledTimes(1);
      await directory.verify(token, at(VERIFIED_REUSE_MS));
      expect(checks).toHaveBeenCalledTimes(2);
    });

    it("never answers for another audience, typ or roles than the one it checked", async () => {
      const directory = new KeyDirectory(set.directory);
      const token = await signServiceToken(audience, signer, now);
      await directory.verify(token, options);
      expect(await code(directory.verify(token, { ...options, audience: "province-52" }))).toBe("TOKEN_CLAIMS_INVALID");
      expect(await code(directory.verify(token, { ...options, typ: "jg-identity+jwt" }))).toBe("TOKEN_CLAIMS_INVALID");
      expect(await code(directory.verify(token, { ...options, roles: ["edge"] }))).toBe("TOKEN_INVALID");
    });

    it("never past the token's exp, and not when the clock went back", async () => {
      const directory = new KeyDirectory(set.directory);
      const short = await signToken({}, signer, { typ: options.typ, audience, subject: signer.service, ttlSeconds: 2, now });
      await directory.verify(short, options);
      // 2 s lifetime + 5 s tolerance: refused at +9 s although +9 s is inside the reuse window.
      expect(await code(directory.verify(short, at(9_000)))).toBe("TOKEN_EXPIRED");
      const token = await signServiceToken(audience, signer, now);
      await directory.verify(token, options);
      // An hour back, the token's iat lies in the future: checked again, and refused.
      expect(await code(directory.verify(token, at(-3_600_000)))).toBe("TOKEN_CLAIMS_INVALID");
    });

    it("does not remember a refusal", async () => {
      const directory = new KeyDirectory(set.directory);
      const checks = vi.spyOn(directory as unknown as { verifyOnce: () => unknown }, "verifyOnce");
      const token = await signServiceToken(audience, signer, now);
      expect(await code(directory.verify(token, at(120_000)))).toBe("TOKEN_EXPIRED");
      expect(await code(directory.verify(token, at(120_000)))).toBe("TOKEN_EXPIRED");
      expect(checks).toHaveBeenCalledTimes(2);
    });
  });
});


describe("the directory's JWS checks (node:crypto verify, issue 11)", () => {
  const signer = signerOf(set, "province-51");
  const directory = new KeyDirectory(set.directory);
  const options = { typ: "jg-service+jwt", audience, roles: ["province"] as const, now };
  const iat = now.getTime() / 1000;
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  /** A token with any header and claims, signed with province 51's real key. */
  function forge(header: object, claims: object): string {
    const input = `${b64(header)}.${b64(claims)}`;
    return `${input}.${cryptoSign(null, Buffer.from(input), signer.key).toString("base64url")}`;
  }
  const goodHeader = { alg: "EdDSA", typ: options.typ, kid: signer.kid };
  const goodClaims = { iss: "province-51", sub: "province-51", aud: audience, iat, exp: iat + 60 };

  it("accepts a well-formed token, and one without kid when the signer has a single key", async () => {
    expect((await directory.verify(forge(goodHeader, goodClaims), options)).signer.service).toBe("province-51");
    const { kid: _kid, ...noKid } = goodHeader;
    expect((await directory.verify(forge(noKid, { ...goodClaims, jti: "x" }), options)).signer.service).toBe("province-51");
  });

  it("refuses another alg, a crit header, a changed payload or signature, missing exp/iat, nbf ahead", async () => {
    const t = (header: object, claims: object) => code(directory.verify(forge(header, claims), options));
    expect(await t({ ...goodHeader, alg: "none" }, goodClaims)).toBe("TOKEN_INVALID");
    expect(await t({ ...goodHeader, alg: "HS256" }, goodClaims)).toBe("TOKEN_INVALID");
    expect(await t({ ...goodHeader, alg: "ES256" }, goodClaims)).toBe("TOKEN_INVALID");
    expect(await t({ ...goodHeader, crit: ["exp"], exp: 1 }, goodClaims)).toBe("TOKEN_MALFORMED");
    const { exp: _exp, ...noExp } = goodClaims;
    const { iat: _iat, ...noIat } = goodClaims;
    expect(await t(goodHeader, noExp)).toBe("TOKEN_CLAIMS_INVALID");
    expect(await t(goodHeader, noIat)).toBe("TOKEN_CLAIMS_INVALID");
    expect(await t(goodHeader, { ...goodClaims, nbf: iat + 60 })).toBe("TOKEN_CLAIMS_INVALID");
    expect((await directory.verify(forge(goodHeader, { ...goodClaims, aud: ["other", audience] }), options)).signer.service).toBe("province-51");
    expect(await t(goodHeader, { ...goodClaims, aud: ["other"] })).toBe("TOKEN_CLAIMS_INVALID");
    const [h, , sig] = forge(goodHeader, goodClaims).split(".");
    expect(await code(directory.verify(`${h}.${b64({ ...goodClaims, exp: iat + 6000 })}.${sig}`, options))).toBe("TOKEN_INVALID");
    const good = forge(goodHeader, { ...goodClaims, jti: "y" });
    const at = good.length - 20;
    const flipped = good.slice(0, at) + (good[at] === "A" ? "B" : "A") + good.slice(at + 1);
    expect(await code(directory.verify(flipped, options))).toBe("TOKEN_INVALID");
    expect(await code(directory.verify(`${good}.x`, options))).toBe("TOKEN_MALFORMED");
  });
});

function createPublicKeyPair(crv: "P-256"): object {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: crv });
  return { ...privateKey.export({ format: "jwk" }), kid: "province-51.ec" };
}
