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
 *
 * This file holds the directory; the compact JWS check is in verify-compact.ts, signing in signing.ts,
 * keys from configuration in service-keys.ts.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { type JSONWebKeySet, type JWK, type JWTPayload } from "jose";
import { z } from "zod";
import { TokenError } from "./errors";
import { decodeCompact, SIGNING_ALGORITHMS, toTokenError, verifyCompact, type DecodedCompact } from "./verify-compact";

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
    const decoded: DecodedCompact = decodeCompact(token);
    const iss = decoded.payload.iss;
    const issuer = typeof iss === "string" ? iss : undefined;
    const verifier = issuer === undefined ? undefined : this.verifiers.get(issuer);
    if (!issuer || !verifier) throw new TokenError("TOKEN_INVALID", "token signed by a service not in the key directory");
    if (!options.roles.some((r) => verifier.entry.roles.includes(r))) {
      throw new TokenError("TOKEN_INVALID", `service ${issuer} may not sign this token`);
    }
    try {
      const payload = verifyCompact(decoded, verifier.keys, options);
      return { payload, signer: { service: issuer, roles: verifier.entry.roles, province: verifier.entry.province } };
    } catch (err) {
      throw toTokenError(err);
    }
  }
}

