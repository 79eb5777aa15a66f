/** Test fixtures of this package only: a small key set of an edge, a platform, two provinces and a launcher. */
import { expect } from "vitest";
import { TokenError } from "./errors";
import { generateKeySet, serviceKeysOf } from "./generate";
import { KeyDirectory } from "./keys";

export const set = generateKeySet([
  { service: "gateway", roles: ["edge", "composer"] },
  { service: "home-platform", roles: ["platform", "issuer"] },
  { service: "province-51", roles: ["province"], province: "51" },
  { service: "province-52", roles: ["province"], province: "52" },
  { service: "launcher", roles: ["service", "issuer"] },
]);
export const directory = new KeyDirectory(set.directory);
export const keysOf = (service: string) => serviceKeysOf(set, service, directory);

/** The code of the TokenError `promise` rejects with (the test fails if it resolves or throws anything else). */
export async function tokenErrorCode(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenError);
  return (err as TokenError).code;
}
