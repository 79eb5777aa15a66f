/**
 * A service's keys from configuration (see keys.ts): the key directory from `KEY_DIRECTORY`, the signer
 * from `SIGNING_KEY`, checked against each other at start.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { KeyDirectory, type KeyDirectoryJson } from "./keys";
import { signerFromJwk, type ServiceSigner } from "./signing";

/** Directories built in this process, by their JSON text (see keyDirectoryFromConfig). */
const directories = new Map<string, KeyDirectory>();
const MAX_DIRECTORIES = 16;

/**
 * The key directory from configuration: `KEY_DIRECTORY` holds either the JSON itself (starts with
 * `{`) or the path of a JSON file. Services of one process configured with the same directory share
 * one object (a directory never changes once built): the provinces of a shard host then verify a
 * client request's identity header once, not once each (issue 11: the header is new per client request,
 * and its verification was most of the `run` samples of a shard host's window profile).
 */
export function keyDirectoryFromConfig(value: string): KeyDirectory {
  const text = value.trim().startsWith("{") ? value : readFileSync(value.trim(), "utf8");
  const known = directories.get(text);
  if (known) return known;
  const directory = parseDirectory(text);
  if (directories.size >= MAX_DIRECTORIES) directories.clear();
  directories.set(text, directory);
  return directory;
}

function parseDirectory(text: string): KeyDirectory {
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
