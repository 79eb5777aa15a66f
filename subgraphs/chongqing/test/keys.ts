/**
 * Keys of the platform suites (issue 10 §5): an edge (identity headers), the platform itself, the
 * shards of a few provinces (authorize, release, messages), and a simulator (development routes, the
 * clock). One fresh Ed25519 key each, per test file.
 */
import { generateKeySet, KeyDirectory, serviceKeysOf, signerOf, type ServiceKeys, type ServiceSigner } from "@jg/identity";

const PROVINCES = ["11", "31", "32", "33", "42", "44", "50", "51", "52"];
export const TEST_KEYS = generateKeySet([
  { service: "gateway", roles: ["edge", "composer"] },
  { service: "home-platform", roles: ["platform", "issuer"] },
  ...PROVINCES.map((p) => ({ service: `province-${p}`, roles: ["province" as const], province: p })),
  { service: "simulator", roles: ["service"] },
]);
export const DIRECTORY = new KeyDirectory(TEST_KEYS.directory);
export const EDGE = signerOf(TEST_KEYS, "gateway");
export const SIMULATOR = signerOf(TEST_KEYS, "simulator");
export const PLATFORM_KEYS: ServiceKeys = serviceKeysOf(TEST_KEYS, "home-platform", DIRECTORY);
export const SHARD50_KEYS: ServiceKeys = serviceKeysOf(TEST_KEYS, "province-50", DIRECTORY);

/** The signer of the shard of `province`. */
export function shardSigner(province: string): ServiceSigner {
  return signerOf(TEST_KEYS, `province-${province}`);
}
