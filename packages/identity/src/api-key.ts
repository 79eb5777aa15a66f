import { createHash } from "node:crypto";

/**
 * SHA-256 hex of a partner API key: what the gateway's key map and the platform's
 * `partners.api_key_hash` store. One definition, so the edge and the platform cannot hash apart.
 */
export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex");
}
