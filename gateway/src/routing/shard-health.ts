/**
 * Schema drift and reachability of every shard (docs/design.md §3: "a shard whose schema differs from the
 * composed province schema is refused"). Each shard is asked for its SDL (`_service { sdl }`), read the
 * way the supergraph's `province` subgraph is read, and compared; a drifting shard is refused (every
 * call to it fails as PROVINCE_UNAVAILABLE without being sent) until a later check finds it consistent.
 * Run at startup and by every `/readyz`, so a shard that was down at startup is checked when it comes.
 *
 * Every shard of a deployment serves the same SDL, so the comparison (a federation subgraph built from the
 * SDL, then its fingerprint) is made once per distinct SDL text and remembered (`driftOf`), not once per
 * shard and check: building 31 subgraph schemas at startup and at every `/readyz` made about 20 MB of
 * garbage that grew the gateway's old space from 55 to 74 MB at N = 31 (issue 12, bench/README.md
 * "Gateway memory, this session"). The result is a function of the two schemas only, so it is the same.
 */
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { subgraphFromSdl, type ProvinceSubgraph } from "./province-subgraph";
import { differencesFrom, fingerprint } from "./schema-fingerprint";
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

/** Distinct SDL texts whose differences are remembered per expected schema (a deployment serves one or two). */
const REMEMBERED_SDLS = 8;

interface DriftMemo {
  /** The expected schema's fingerprint. */
  readonly want: ReadonlySet<string>;
  /** SDL text → its differences from the expected schema, oldest first. */
  readonly bySdl: Map<string, readonly string[]>;
}

const memos = new WeakMap<ProvinceSubgraph, DriftMemo>();

/** The differences between a shard's SDL and the expected schema, computed once per distinct SDL text. */
function driftOf(expected: ProvinceSubgraph, sdl: string): string[] {
  let memo = memos.get(expected);
  if (!memo) {
    memo = { want: new Set(fingerprint(expected.schema)), bySdl: new Map() };
    memos.set(expected, memo);
  }
  let differences = memo.bySdl.get(sdl);
  if (!differences) {
    try {
      differences = differencesFrom(memo.want, subgraphFromSdl(sdl).schema);
    } catch (error) {
      differences = [`shard SDL does not build: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (memo.bySdl.size >= REMEMBERED_SDLS) memo.bySdl.delete(memo.bySdl.keys().next().value!);
    memo.bySdl.set(sdl, differences);
  }
  return [...differences];
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
      const differences = driftOf(expected, sdl);
      shard.refusal = differences.length > 0 ? { reason: "SCHEMA_DRIFT", message: `province ${shard.province} serves a different schema` } : undefined;
      if (differences.length > 0) return { ...base, status: "schema-drift", differences, circuit: shard.breakerState().kind };
      return { ...base, status: "ok", circuit: shard.breakerState().kind };
    }),
  );
}
