/**
 * Keys for a whole run (the launcher, tests): one fresh Ed25519 pair per service and the directory
 * listing them, as the launcher generated shared secrets before (issue 10 §5). Nothing is reused
 * across runs or committed. Ed25519 generation takes well under a millisecond per service.
 */
import { KeyDirectory, type KeyDirectoryJson, type Role } from "./keys";
import { type ServiceKeys } from "./service-keys";
import { generateServiceKey, signerFromJwk, type ServiceSigner } from "./signing";

/** A service to generate a key for. */
export interface ServiceKeySpec {
  service: string;
  roles: Role[];
  province?: string;
}

/** Generated keys: the directory (public) and each service's private JWK (JSON text, for its `SIGNING_KEY`). */
export interface GeneratedKeySet {
  directory: KeyDirectoryJson;
  privateKeys: Record<string, string>;
}

export function generateKeySet(specs: readonly ServiceKeySpec[]): GeneratedKeySet {
  const services: KeyDirectoryJson["services"] = {};
  const privateKeys: Record<string, string> = {};
  for (const spec of specs) {
    const { privateJwk, publicJwk } = generateServiceKey(spec.service);
    services[spec.service] = {
      roles: spec.roles,
      ...(spec.province ? { province: spec.province } : {}),
      keys: [publicJwk as KeyDirectoryJson["services"][string]["keys"][number]],
    };
    privateKeys[spec.service] = JSON.stringify(privateJwk);
  }
  return { directory: { services }, privateKeys };
}

/** The signer of one service of a generated set. */
export function signerOf(set: GeneratedKeySet, service: string): ServiceSigner {
  const key = set.privateKeys[service];
  if (!key) throw new Error(`no key generated for ${service}`);
  return signerFromJwk(service, key);
}

/** The {@link ServiceKeys} of one service of a generated set (its signer, the whole directory). */
export function serviceKeysOf(set: GeneratedKeySet, service: string, directory = new KeyDirectory(set.directory)): ServiceKeys {
  return { signer: signerOf(set, service), directory };
}
