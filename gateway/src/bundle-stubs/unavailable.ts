/**
 * What the gateway's compiled bundle loads instead of packages @apollo/gateway requires when it is
 * loaded but that the gateway never runs (issue 12; `packages/cluster/src/build.ts`, `BUNDLE_STUBS`):
 * - `make-fetch-happen`: RemoteGraphQLDataSource's default fetcher and managed federation's (Uplink);
 *   every data source of ours is given undici's (routing/keep-alive-fetcher.ts) and the supergraph is a
 *   file, so the default is built and replaced at once, never called;
 * - `@apollo/composition`: Apollo's IntrospectAndCompose and LocalCompose supergraph managers; the
 *   gateway is given `supergraphSdl` (SUPERGRAPH=live composes through our own compose.ts, which loads
 *   the real package when it runs).
 * Calling any of them says so instead of failing somewhere deeper.
 */
function unavailable(name: string): never {
  throw new Error(`${name} is not part of the compiled gateway (packages/cluster/src/build.ts, BUNDLE_STUBS)`);
}

/** make-fetch-happen's `defaults()`: a fetcher that refuses every call. */
export function defaults(): (url: string) => Promise<never> {
  return async () => unavailable("make-fetch-happen");
}

/** @apollo/composition's `composeServices`. */
export function composeServices(): never {
  return unavailable("@apollo/composition");
}

export default { defaults, composeServices };
