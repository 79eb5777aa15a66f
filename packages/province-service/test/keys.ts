/**
 * Keys of the shard suites (issue 10 §5): an edge (signs identity headers), the home platform, the
 * shards of a few provinces and a simulator (service tokens on `/internal` routes), one fresh Ed25519
 * key each, generated once per test file.
 */
import { generateKeySet, KeyDirectory, serviceKeysOf, signerOf, type ServiceKeys } from "@jg/identity";

const TEST_KEYS = generateKeySet([
  { service: "gateway", roles: ["edge", "composer"] },
  { service: "home-platform", roles: ["platform", "issuer"] },
  ...["44", "50", "51", "52"].map((p) => ({ service: `province-${p}`, roles: ["province" as const], province: p })),
  { service: "simulator", roles: ["service"] },
]);
export const DIRECTORY = new KeyDirectory(TEST_KEYS.directory);
/** The edge that signs identity headers in these suites. */
export const EDGE = signerOf(TEST_KEYS, "gateway");
/** A launcher-like caller of the `/internal` routes. */
export const SIMULATOR = signerOf(TEST_KEYS, "simulator");

/** The keys of the shard of `provinceCode`. */
export function shardKeys(provinceCode: string): ServiceKeys {
  return serviceKeysOf(TEST_KEYS, `province-${provinceCode}`, DIRECTORY);
}
