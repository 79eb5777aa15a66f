/**
 * Secrets of a local system run. The launcher generates fresh random ones per run (nothing is reused
 * across runs or committed); a caller can pass its own. Each is at least 32 bytes (HS256).
 */
import { randomBytes } from "node:crypto";

export interface SystemSecrets {
  /** Service-to-service tokens on internal APIs (handoff, clock, seeding). */
  serviceSecret: string;
  /** The gateway's signed identity header to subgraphs. */
  identitySecret: string;
  /** Bearer tokens issued to citizens, officers, cameras, banks. */
  accessTokenSecret: string;
}

export function generateSecrets(): SystemSecrets {
  const make = () => randomBytes(32).toString("base64url");
  return { serviceSecret: make(), identitySecret: make(), accessTokenSecret: make() };
}
