/**
 * Keys of a local system run (issue 10 §5): the launcher generates one fresh Ed25519 key per service
 * per run (nothing is reused across runs or committed) and the key directory listing them with their
 * roles; a caller can pass its own. Nothing is signed with a secret shared by the federation: each
 * service gets only its own private key (`SIGNING_KEY`) and the public directory (`KEY_DIRECTORY`).
 *
 * Services and roles: `gateway` (edge: identity headers; composer: shard SDL), `home-platform`
 * (platform; issuer of citizens' access tokens), `province-<code>` for 50 and every other province
 * (province), and `launcher` (service: seeding, the clock, ticks, audits; issuer of the officers',
 * cameras' and banks' tokens an operator would mint). Generating ~32 keys takes milliseconds.
 */
import { randomBytes } from "node:crypto";
import { HOME_PLATFORM_SERVICE, provinceServiceName } from "@jg/handoff";
import { generateKeySet, signerOf, type GeneratedKeySet, type ServiceKeySpec, type ServiceSigner } from "@jg/identity";

/** The launcher's own service name in the directory. */
export const LAUNCHER_SERVICE = "launcher";
/** The gateway's service name in the directory. */
export const GATEWAY_SERVICE = "gateway";

export interface SystemKeys extends GeneratedKeySet {
  /** The platform's own secret of SMS code hashes and filing QR codes (CODE_SECRET); never leaves it. */
  codeSecret: string;
}

/** The standalone province router's service name (EDGE=hive-gateway): composer of the shards' SDL. */
export const ROUTER_SERVICE = "province-router";
/** Hive Gateway's service name in the directory (EDGE=hive-gateway): a `third-party-edge`. */
export const HIVE_GATEWAY_SERVICE = "hive-gateway";

/** Which edge fronts the system: our gateway, or Hive Gateway in front of the standalone province router (issue 13). */
export type Edge = "gateway" | "hive-gateway";

/** The edge when none is given: `EDGE` from the environment, else "gateway". */
export function defaultEdge(env: NodeJS.ProcessEnv = process.env): Edge {
  const value = env["EDGE"];
  if (value === undefined || value === "" || value === "gateway") return "gateway";
  if (value === "hive-gateway") return value;
  throw new Error(`EDGE must be "gateway" or "hive-gateway", got ${JSON.stringify(value)}`);
}

/**
 * The services of a system with these provinces (50 always included), and their roles. Behind Hive
 * Gateway the issuers sign with ES256 (Hive's JWT plugin cannot verify EdDSA) and the standalone router
 * and Hive Gateway get keys of their own.
 */
export function systemKeySpecs(provinces: readonly string[], edge: Edge = "gateway"): ServiceKeySpec[] {
  const codes = [...new Set(["50", ...provinces])];
  const issuerAlg = edge === "hive-gateway" ? { alg: "ES256" as const } : {};
  return [
    { service: GATEWAY_SERVICE, roles: ["edge", "composer"] },
    { service: HOME_PLATFORM_SERVICE, roles: ["platform", "issuer"], ...issuerAlg },
    ...codes.map((code): ServiceKeySpec => ({ service: provinceServiceName(code), roles: ["province"], province: code })),
    { service: LAUNCHER_SERVICE, roles: ["service", "issuer"], ...issuerAlg },
    ...(edge === "hive-gateway"
      ? [
          { service: ROUTER_SERVICE, roles: ["composer"] } satisfies ServiceKeySpec,
          { service: HIVE_GATEWAY_SERVICE, roles: ["third-party-edge"] } satisfies ServiceKeySpec,
        ]
      : []),
  ];
}

/** Fresh keys for a run with these provinces, for the edge `EDGE` names unless given. */
export function generateSystemKeys(provinces: readonly string[], edge: Edge = defaultEdge()): SystemKeys {
  return { ...generateKeySet(systemKeySpecs(provinces, edge)), codeSecret: randomBytes(32).toString("base64url") };
}

/**
 * The signer of one service of the run (the launcher holds every key it generated). Made once per key
 * set and service: turning the private JWK into a key object (JSON, zod, `createPrivateKey`) cost more
 * of the simulator's CPU than the signature of the token it signed per call (issue 12).
 */
export function systemSigner(keys: SystemKeys, service: string): ServiceSigner {
  let ofKeys = signers.get(keys);
  if (!ofKeys) signers.set(keys, (ofKeys = new Map()));
  let signer = ofKeys.get(service);
  if (!signer) ofKeys.set(service, (signer = signerOf(keys, service)));
  return signer;
}
const signers = new WeakMap<SystemKeys, Map<string, ServiceSigner>>();
