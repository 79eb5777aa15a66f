/**
 * Webhook signing secrets at rest. An HMAC needs the secret itself, so a hash (as for API keys) cannot
 * work; the secret is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the platform's
 * CODE_SECRET, which never leaves the platform. A database dump alone then reveals no secret. Changing
 * CODE_SECRET makes the sealed secrets unreadable: the partners must rotate (docs/design.md §11).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

/** Derived keys by CODE_SECRET (one per process in practice): the relay opens a secret per delivery. */
const keys = new Map<string, Buffer>();

function keyOf(codeSecret: string): Buffer {
  let key = keys.get(codeSecret);
  if (!key) keys.set(codeSecret, (key = Buffer.from(hkdfSync("sha256", codeSecret, "jg-webhook-secrets", VERSION, 32))));
  return key;
}

/** A new signing secret as the partner sees it: `whsec_` and 32 random bytes in base64url. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** Seals `secret` for storage: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function sealSecret(codeSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(codeSecret), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Opens a sealed secret; throws when it was sealed under another key or changed. */
export function openSecret(codeSecret: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(codeSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
