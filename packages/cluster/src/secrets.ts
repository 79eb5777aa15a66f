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

/** The services of a system with these provinces (50 always included), and their roles. */
export function systemKeySpecs(provinces: readonly string[]): ServiceKeySpec[] {
  const codes = [...new Set(["50", ...provinces])];
  return [
    { service: GATEWAY_SERVICE, roles: ["edge", "composer"] },
    { service: HOME_PLATFORM_SERVICE, roles: ["platform", "issuer"] },
    ...codes.map((code): ServiceKeySpec => ({ service: provinceServiceName(code), roles: ["province"], province: code })),
    { service: LAUNCHER_SERVICE, roles: ["service", "issuer"] },
  ];
}

/** Fresh keys for a run with these provinces. */
export function generateSystemKeys(provinces: readonly string[]): SystemKeys {
  return { ...generateKeySet(systemKeySpecs(provinces)), codeSecret: randomBytes(32).toString("base64url") };
}

/** The signer of one service of the run (the launcher holds every key it generated). */
export function systemSigner(keys: SystemKeys, service: string): ServiceSigner {
  return signerOf(keys, service);
}
