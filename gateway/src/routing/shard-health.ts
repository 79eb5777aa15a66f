/**
 * Schema drift and reachability of every shard (docs/design.md §3: "a shard whose schema differs from the
 * composed province schema is refused"). Each shard is asked for its SDL (`_service { sdl }`), read the
 * way the supergraph's `province` subgraph is read, and compared; a drifting shard is refused (every
 * call to it fails as PROVINCE_UNAVAILABLE without being sent) until a later check finds it consistent.
 * Run at startup and by every `/readyz`, so a shard that was down at startup is checked when it comes.
 */
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { subgraphFromSdl, type ProvinceSubgraph } from "./province-subgraph";
import { schemaDifferences } from "./schema-fingerprint";
import type { ShardDirectory } from "./shard-directory";
import type { BreakerState } from "./circuit-breaker";

/** One shard's health as `/readyz` reports it. */
export type ShardHealth =
  | { province: string; url: string; status: "ok"; circuit: BreakerState["kind"] }
  | { province: string; url: string; status: "unreachable"; error: string; circuit: BreakerState["kind"] }
  | { province: string; url: string; status: "schema-drift"; differences: string[]; circuit: BreakerState["kind"] };

const SDL_QUERY = JSON.stringify({ query: "query __ApolloGetServiceDefinition__ { _service { sdl } }" });

/** The composer's credential (`authorization` value): shards answer `_service` only to it (issue 10 §4). */
export type ComposerCredential = () => Promise<string>;

async function fetchSdl(fetcher: RemoteGraphQLDataSource["fetcher"], url: string, timeoutMs: number, credential: ComposerCredential): Promise<string> {
  const timer = AbortSignal.timeout(timeoutMs);
  const headers = { "content-type": "application/json", authorization: await credential() };
  const response = await Promise.race([
    fetcher(url, { method: "POST", headers, body: SDL_QUERY }),
    new Promise<never>((_, reject) => timer.addEventListener("abort", () => reject(new Error(`no answer within ${timeoutMs} ms`)))),
  ]);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { data?: { _service?: { sdl?: unknown } } };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== "string") throw new Error("no _service.sdl in the answer");
  return sdl;
}

/** Checks every shard, refuses the drifting ones, lets consistent ones back in. */
export async function checkShards(
  shards: ShardDirectory,
  expected: ProvinceSubgraph,
  fetcher: RemoteGraphQLDataSource["fetcher"],
  timeoutMs: number,
  credential: ComposerCredential,
): Promise<ShardHealth[]> {
  return Promise.all(
    [...shards.values()].map(async (shard): Promise<ShardHealth> => {
      const base = { province: shard.province, url: shard.url };
      let sdl: string;
      try {
        sdl = await fetchSdl(fetcher, shard.url, timeoutMs, credential);
      } catch (error) {
        return { ...base, status: "unreachable", error: error instanceof Error ? error.message : String(error), circuit: shard.breakerState().kind };
      }
      let differences: string[];
      try {
        differences = schemaDifferences(expected.schema, subgraphFromSdl(sdl).schema);
      } catch (error) {
        differences = [`shard SDL does not build: ${error instanceof Error ? error.message : String(error)}`];
      }
      shard.refusal = differences.length > 0 ? { reason: "SCHEMA_DRIFT", message: `province ${shard.province} serves a different schema` } : undefined;
      if (differences.length > 0) return { ...base, status: "schema-drift", differences, circuit: shard.breakerState().kind };
      return { ...base, status: "ok", circuit: shard.breakerState().kind };
    }),
  );
}
