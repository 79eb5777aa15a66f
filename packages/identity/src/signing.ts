/**
 * Signing (see keys.ts): one service's private key as a {@link ServiceSigner}, fresh Ed25519 pairs, and
 * compact JWS tokens signed with node:crypto.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign as cryptoSign, type KeyObject } from "node:crypto";
import type { JWK, JWTPayload } from "jose";
import { z } from "zod";

const kid = z.string().min(1).max(128);

/** One service's signing key: its name (the `iss` of what it signs), the key and its `kid`. */
export interface ServiceSigner {
  readonly service: string;
  readonly kid: string;
  readonly alg: "EdDSA" | "ES256";
  readonly key: KeyObject;
}

const privateJwkSchema = z.object({ kty: z.enum(["OKP", "EC"]), kid, crv: z.enum(["Ed25519", "P-256"]), d: z.string().min(1) }).loose();

/**
 * A signer from a private JWK (with `kid`) as JSON text or object, e.g. the `SIGNING_KEY` variable.
 * @throws {Error} naming what is wrong (never echoing the key).
 */
export function signerFromJwk(service: string, jwk: string | object): ServiceSigner {
  let value: unknown = jwk;
  if (typeof jwk === "string") {
    try {
      value = JSON.parse(jwk);
    } catch {
      throw new Error(`the signing key of ${service} is not JSON (a private JWK with kid)`);
    }
  }
  const parsed = privateJwkSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the signing key of ${service} is not a private Ed25519 or P-256 JWK with kid`);
  const key = createPrivateKey({ key: parsed.data as unknown as import("node:crypto").JsonWebKey, format: "jwk" });
  return { service, kid: parsed.data.kid, alg: parsed.data.crv === "Ed25519" ? "EdDSA" : "ES256", key };
}

/** A fresh Ed25519 key pair for a service: the private JWK (for its `SIGNING_KEY`) and the public one (for the directory). */
export function generateServiceKey(service: string): { privateJwk: JWK & { kid: string }; publicJwk: JWK & { kid: string } } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  const kidValue = `${service}.${randomBytes(6).toString("base64url")}`;
  const privateJwk = { ...jwk, kid: kidValue, alg: "EdDSA" };
  const { d: _d, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwk: { ...publicJwk, use: "sig" } };
}

export interface SignTokenOptions {
  typ: string;
  audience: string;
  subject?: string;
  ttlSeconds: number;
  now: Date;
  jti?: string;
}

/**
 * Signs claims as `signer` (issuer = its service name, `kid` in the header): a compact JWS (RFC 7515)
 * signed with node:crypto's one-shot `sign` on the KeyObject, synchronously (issue 11: jose signs
 * through WebCrypto, a thread-pool job and its promise per token, which cost the gateway more than the
 * signature itself). The same form as jose's SignJWT gives; receivers verify with jose.
 */
export async function signToken(claims: JWTPayload, signer: ServiceSigner, options: SignTokenOptions): Promise<string> {
  const iat = Math.floor(options.now.getTime() / 1000);
  const payload: JWTPayload = {
    ...claims,
    iss: signer.service,
    aud: options.audience,
    iat,
    exp: iat + options.ttlSeconds,
    ...(options.subject ? { sub: options.subject } : {}),
    ...(options.jti ? { jti: options.jti } : {}),
  };
  const header = { alg: signer.alg, typ: options.typ, kid: signer.kid };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature =
    signer.alg === "EdDSA"
      ? cryptoSign(null, Buffer.from(input), signer.key)
      : cryptoSign("sha256", Buffer.from(input), { key: signer.key, dsaEncoding: "ieee-p1363" });
  return `${input}.${signature.toString("base64url")}`;
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

