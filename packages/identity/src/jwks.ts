/**
 * Publishing a service's public keys (issue 10 §5, issue 13): `GET /.well-known/jwks.json` answers the
 * service's active keys from the key directory, so an outsider (e.g. Hive Gateway verifying citizens'
 * access tokens) can verify what the service signs. Receivers of this federation never fetch it: they
 * hold the directory inline.
 */
import type { KeyDirectory } from "./keys";

export const JWKS_PATH = "/.well-known/jwks.json";

/** A route (service-kit's `Route` shape) publishing `service`'s JWKS. */
export function jwksRoute(directory: KeyDirectory, service: string) {
  return {
    method: "GET" as const,
    path: JWKS_PATH,
    handler: () => ({ status: 200, json: directory.jwksOf(service) as unknown as Record<string, unknown>, headers: { "cache-control": "public, max-age=300" } }),
  };
}
