import { describe, expect, it } from "vitest";
import { TokenError } from "./errors";
import { generateKeySet, serviceKeysOf, signerOf } from "./generate";
import { generateServiceKey, KeyDirectory, keyDirectoryFromConfig, serviceKeysFromEnv, signerFromJwk, type KeyDirectoryJson } from "./keys";
import { signServiceToken, verifyServiceToken } from "./service-token";
import { set } from "./test-keys";

const now = new Date("2026-03-01T08:00:00Z");
const audience = "home-platform";

async function code(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenError);
  return (err as TokenError).code;
}

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

  it("generates keys for 32 services quickly enough for a launcher", () => {
    const specs = Array.from({ length: 32 }, (_, i) => ({ service: `province-${10 + i}`, roles: ["province" as const], province: String(10 + i) }));
    const generated = generateKeySet(specs);
    expect(Object.keys(generated.privateKeys)).toHaveLength(32);
    expect(new Set(Object.values(generated.directory.services).map((e) => e.keys[0]!.kid)).size).toBe(32);
  });
});
