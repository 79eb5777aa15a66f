/**
 * Keys per service (issue 10 §5): every service signs with its own private key (EdDSA, Ed25519) and
 * every receiver verifies against a key directory from configuration, which says which service owns
 * which public keys and what each service may sign (its roles). Nothing is signed with a secret shared
 * by the federation, so one province's process cannot mint a token as another province or as an edge.
 *
 * - {@link ServiceSigner}: one service's current private key (`kid` in every JWS header it signs).
 * - {@link KeyDirectory}: service name → roles, province, public JWKs (several: rotation keeps two valid
 *   at once; a key marked `"status": "retired"` or removed is refused). Verification never fetches a
 *   key: the public keys are inline, imported once as KeyObjects and checked with node:crypto (issue 11).
 * - {@link generateServiceKey}: a fresh Ed25519 pair (a launcher makes ~32 of them in milliseconds).
 *
 * The issuer (`iss`) of every token is the signer's service name; the directory entry of that name
 * must hold the key (`kid`) that verifies the signature, so a key of another service is refused.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet, type JWK, type JWTPayload } from "jose";
import { z } from "zod";
import { TokenError } from "./errors";

/** Leeway for clock differences between two hosts when checking exp/iat (seconds). */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Algorithms a receiver accepts (RFC 8037 EdDSA with Ed25519; ES256 for keys from an HSM or KMS). */
export const SIGNING_ALGORITHMS = ["EdDSA", "ES256"] as const;

/**
 * What a service may sign, by role:
 * - `edge`: the identity header to subgraphs (our gateway, the standalone router, a fronting router);
 * - `issuer`: access tokens for clients (the home platform on sign-in; an operator's tool);
 * - `composer`: reads subgraph SDL and introspection (the gateway's live composition check);
 * - `platform`: the home platform (Chongqing platform), receiver of handoffs;
 * - `province`: a province shard (with `province`), sender of handoffs about its own violations;
 * - `service`: an internal caller (launcher, simulator, seeder, tests) of the `/internal` routes;
 * - `third-party-edge`: a standard router we do not build (Hive Gateway, Apollo Router) fronting the
 *   subgraphs (issue 13): it may sign the identity header only for the callers it authenticates itself,
 *   partners (API keys) and anonymous clients; a citizen's or officer's identity reaches the subgraphs as
 *   that caller's own issuer-signed bearer token (carried-identity.ts).
 */
export const ROLES = ["edge", "issuer", "composer", "platform", "province", "service", "third-party-edge"] as const;
export type Role = (typeof ROLES)[number];

const kid = z.string().min(1).max(128);
const publicJwkSchema = z
  .object({
    kty: z.enum(["OKP", "EC"]),
    kid,
    crv: z.enum(["Ed25519", "P-256"]),
    x: z.string().min(1),
    y: z.string().min(1).optional(),
    alg: z.enum(SIGNING_ALGORITHMS).optional(),
    use: z.literal("sig").optional(),
    /** `retired`: listed so operators see it, but refused. Default `active`. */
    status: z.enum(["active", "retired"]).default("active"),
  })
  .loose()
  .refine((k) => !("d" in k), "a directory holds public keys only");

const entrySchema = z
  .object({
    roles: z.array(z.enum(ROLES)).min(1),
    /** Two-digit province code, for a `province` shard. */
    province: z.string().regex(/^\d{2}$/).optional(),
    keys: z.array(publicJwkSchema).min(1),
    /** Where the service publishes its JWKS, for outsiders; never fetched by a receiver. */
    jwksUrl: z.string().url().optional(),
  })
  .refine((e) => !e.roles.includes("province") || e.province !== undefined, "a province entry names its province");

/** The key directory as configured (`KEY_DIRECTORY`): service name → entry. */
export const keyDirectorySchema = z.object({ services: z.record(z.string().min(1).max(128), entrySchema) });
export type KeyDirectoryJson = z.input<typeof keyDirectorySchema>;
export type KeyDirectoryEntry = z.infer<typeof entrySchema>;

/** Who signed a verified token, as the directory knows it. */
export interface Signer {
  service: string;
  roles: readonly Role[];
  province: string | undefined;
}

interface Verifier {
  entry: KeyDirectoryEntry;
  /** Active keys by kid, imported once. */
  keys: Map<string, { alg: string; key: KeyObject }>;
  published: JSONWebKeySet;
}

export interface VerifyTokenOptions {
  /** The JWS `typ` of this kind of token. */
  typ: string;
  audience: string;
  /** The signer must hold one of these roles. */
  roles: readonly Role[];
  now: Date;
}

/** How long a verified token is remembered (issue 11): never past its `exp` either. */
export const VERIFIED_REUSE_MS = 10_000;
const VERIFIED_MAX_ENTRIES = 2_000;

interface Remembered {
  /** When it was verified (ms, the verifier's clock) and until when it may be reused. */
  at: number;
  until: number;
  result: { payload: JWTPayload; signer: Signer };
}

/**
 * Public keys of every service of a deployment; verifies tokens and says who signed them.
 *
 * A token that verified is remembered for a few seconds ({@link VERIFIED_REUSE_MS}), keyed by its exact
 * text and what it was checked for (typ, audience, roles), so the same bearer on every request of a
 * client, or the same identity header on each subgraph fetch of one request, costs one signature check
 * (issue 11). Never past its `exp`, never when the clock went back, and a refusal is never remembered.
 * The directory is fixed at construction, so a remembered answer cannot outlive a key's removal.
 */
export class KeyDirectory {
  private readonly verifiers = new Map<string, Verifier>();
  private readonly verified = new Map<string, Remembered>();

  constructor(json: KeyDirectoryJson) {
    const parsed = keyDirectorySchema.parse(json);
    for (const [service, entry] of Object.entries(parsed.services)) {
      const active = entry.keys.filter((k) => k.status === "active").map(({ status: _status, ...jwk }) => jwk as JWK);
      const published: JSONWebKeySet = { keys: active.map((k) => ({ ...k, use: "sig", alg: k.alg ?? (k.crv === "Ed25519" ? "EdDSA" : "ES256") })) };
      const keys = new Map(
        published.keys.map((k) => [k.kid!, { alg: k.alg!, key: createPublicKey({ key: k as import("node:crypto").JsonWebKey, format: "jwk" }) }]),
      );
      this.verifiers.set(service, { entry, keys, published });
    }
  }

  /** Services listed, in configuration order. */
  get services(): string[] {
    return [...this.verifiers.keys()];
  }

  /** The entry of a service, if listed. */
  entry(service: string): KeyDirectoryEntry | undefined {
    return this.verifiers.get(service)?.entry;
  }

  /** The public JWKS a service publishes (`/.well-known/jwks.json`): its active keys only. */
  jwksOf(service: string): JSONWebKeySet {
    return this.verifiers.get(service)?.published ?? { keys: [] };
  }

  /** The directory as JSON, e.g. to pass on in an environment variable. */
  toJSON(): KeyDirectoryJson {
    return { services: Object.fromEntries([...this.verifiers].map(([name, v]) => [name, v.entry])) };
  }

  /**
   * Verifies a compact JWS: the issuer must be listed, hold one of `roles`, and own the key (`kid`)
   * that verifies it; a retired or unknown `kid` is refused.
   * @throws {TokenError} on any refusal.
   */
  async verify(token: string, options: VerifyTokenOptions): Promise<{ payload: JWTPayload; signer: Signer }> {
    const key = `${options.typ}\n${options.audience}\n${options.roles.join(",")}\n${token}`;
    const t = options.now.getTime();
    const hit = this.verified.get(key);
    if (hit && t >= hit.at && t < hit.until) return hit.result;
    const result = await this.verifyOnce(token, options);
    const exp = result.payload.exp;
    if (typeof exp === "number") {
      if (this.verified.size >= VERIFIED_MAX_ENTRIES) this.verified.clear();
      this.verified.set(key, { at: t, until: Math.min(t + VERIFIED_REUSE_MS, exp * 1000), result });
    }
    return result;
  }

  private async verifyOnce(token: string, options: VerifyTokenOptions): Promise<{ payload: JWTPayload; signer: Signer }> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch (err) {
      throw new TokenError("TOKEN_MALFORMED", "token malformed", { cause: err });
    }
    const verifier = issuer === undefined ? undefined : this.verifiers.get(issuer);
    if (!issuer || !verifier) throw new TokenError("TOKEN_INVALID", "token signed by a service not in the key directory");
    if (!options.roles.some((r) => verifier.entry.roles.includes(r))) {
      throw new TokenError("TOKEN_INVALID", `service ${issuer} may not sign this token`);
    }
    try {
      const payload = verifyCompact(token, verifier, options);
      return { payload, signer: { service: issuer, roles: verifier.entry.roles, province: verifier.entry.province } };
    } catch (err) {
      throw toTokenError(err);
    }
  }
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a compact JWS as jose's jwtVerify did, with node:crypto's synchronous one-shot `verify` on a
 * KeyObject imported once (issue 11: jose verifies through WebCrypto, a thread-pool job per token, the
 * largest single cost of a shard request): the header's alg allowed and the key's own, no `crit`, the
 * `kid` an active key of the issuer (the only one when the header names none), the signature, then the
 * claims — typ, iss, aud, exp and iat required, exp/nbf/iat against `now` with the clock tolerance.
 */
function verifyCompact(token: string, verifier: Verifier, options: VerifyTokenOptions): JWTPayload {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) throw new TokenError("TOKEN_MALFORMED", "token malformed");
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch (err) {
    throw new TokenError("TOKEN_MALFORMED", "token malformed", { cause: err });
  }
  if (header.crit !== undefined || header.b64 !== undefined) throw new TokenError("TOKEN_MALFORMED", "token header has crit or b64");
  const alg = header.alg;
  if (typeof alg !== "string" || !(SIGNING_ALGORITHMS as readonly string[]).includes(alg)) throw new TokenError("TOKEN_INVALID", "algorithm refused");
  const candidates =
    typeof header.kid === "string"
      ? [verifier.keys.get(header.kid)].filter((k) => k !== undefined)
      : [...verifier.keys.values()];
  const usable = candidates.filter((k) => k.alg === alg);
  if (usable.length !== 1) throw new TokenError("TOKEN_INVALID", "no single active key of the signer matches the token");
  const { key } = usable[0]!;
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2]!, "base64url");
  const valid = alg === "EdDSA" ? cryptoVerify(null, data, key, signature) : cryptoVerify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, signature);
  if (!valid) throw new TokenError("TOKEN_INVALID", "signature verification failed");

  if (header.typ !== options.typ) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "typ" refused');
  const aud = payload.aud;
  if (!(aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience)))) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "aud" refused');
  const now = Math.floor(options.now.getTime() / 1000);
  const { exp, iat, nbf } = payload;
  if (typeof iat !== "number" || !Number.isFinite(iat)) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "iat" refused');
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "exp" refused');
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE_SECONDS)) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "nbf" refused');
  if (exp <= now - CLOCK_TOLERANCE_SECONDS) throw new TokenError("TOKEN_EXPIRED", "token expired");
  // A token minted ahead of our clock would outlive its lifetime: refused like a not-yet-valid one.
  if (iat > options.now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new TokenError("TOKEN_CLAIMS_INVALID", 'token claim "iat" is in the future');
  return payload;
}

function toTokenError(err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof errors.JWTExpired) return new TokenError("TOKEN_EXPIRED", "token expired", { cause: err });
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new TokenError("TOKEN_CLAIMS_INVALID", `token claim "${err.claim}" refused`, { cause: err });
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) {
    return new TokenError("TOKEN_MALFORMED", "token malformed", { cause: err });
  }
  // JWKSNoMatchingKey (unknown or retired kid), JWSSignatureVerificationFailed, alg refused, …
  return new TokenError("TOKEN_INVALID", "token refused", { cause: err });
}

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

/**
 * A fresh key pair for a service: the private JWK (for its `SIGNING_KEY`) and the public one (for the
 * directory). Ed25519 by default; ES256 (P-256) for an issuer whose tokens a router that cannot verify
 * EdDSA checks (Hive Gateway's JWT plugin, on jsonwebtoken 9: issue 13).
 */
export function generateServiceKey(service: string, alg: "EdDSA" | "ES256" = "EdDSA"): { privateJwk: JWK & { kid: string }; publicJwk: JWK & { kid: string } } {
  const { privateKey } = alg === "EdDSA" ? generateKeyPairSync("ed25519") : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as JWK;
  const kidValue = `${service}.${randomBytes(6).toString("base64url")}`;
  const privateJwk = { ...jwk, kid: kidValue, alg };
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

/**
 * The key directory from configuration: `KEY_DIRECTORY` holds either the JSON itself (starts with
 * `{`) or the path of a JSON file.
 */
export function keyDirectoryFromConfig(value: string): KeyDirectory {
  const text = value.trim().startsWith("{") ? value : readFileSync(value.trim(), "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`KEY_DIRECTORY is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return new KeyDirectory(json as KeyDirectoryJson);
}

/** What a service needs to sign and verify: its own signer and the directory. */
export interface ServiceKeys {
  signer: ServiceSigner;
  directory: KeyDirectory;
}

/**
 * A service's keys from its environment: `SIGNING_KEY` (private JWK with kid; `<prefix>SIGNING_KEY`
 * for a second service in one process) and `KEY_DIRECTORY`. The signer must be listed in the
 * directory with that `kid` active, so a misconfigured service fails at start, not at its first call.
 * @throws {Error} when either is missing or they disagree.
 */
export function serviceKeysFromEnv(service: string, env: Record<string, string | undefined>, prefix = ""): ServiceKeys {
  const key = env[`${prefix}SIGNING_KEY`];
  const dir = env["KEY_DIRECTORY"];
  if (!key) throw new Error(`${prefix}SIGNING_KEY is required (the private JWK ${service} signs with)`);
  if (!dir) throw new Error("KEY_DIRECTORY is required (service name → roles and public JWKs)");
  const keys = { signer: signerFromJwk(service, key), directory: keyDirectoryFromConfig(dir) };
  assertListed(keys);
  return keys;
}

/** Throws unless the signer's active key is in the directory under its service name. */
export function assertListed(keys: ServiceKeys): void {
  const entry = keys.directory.entry(keys.signer.service);
  if (!entry) throw new Error(`service ${keys.signer.service} is not in the key directory`);
  if (!entry.keys.some((k) => k.kid === keys.signer.kid && k.status === "active")) {
    throw new Error(`the signing key ${keys.signer.kid} of ${keys.signer.service} is not an active key of it in the key directory`);
  }
}

/** A zod schema accepting already-built {@link ServiceKeys} in a service's parsed configuration. */
export const serviceKeysSchema = z.custom<ServiceKeys>(
  (v) => typeof v === "object" && v !== null && (v as ServiceKeys).directory instanceof KeyDirectory && typeof (v as ServiceKeys).signer?.kid === "string",
  "keys (a signer and a key directory) are required",
);
