/**
 * The shards the router knows, by province code (docs/design.md §9: provinces are added by configuration).
 * A province with no shard is unknown; a shard that failed is unavailable: the two are reported apart.
 */
import type { Lang } from "@jg/errors";
import type { SubgraphError, ErrorPath } from "./subgraph-response";
import { routerError } from "./subgraph-response";
import type { ShardClient, ShardFailureReason } from "./shard-client";

/** Province code → its shard. */
export type ShardDirectory = ReadonlyMap<string, ShardClient>;

/** The error for an item whose province has no shard. */
export function unknownProvince(province: string, path: ErrorPath, lang: Lang): SubgraphError {
  return routerError("PROVINCE_UNKNOWN", path, { province }, {}, lang);
}

/** The error for an item whose shard gave no answer. */
export function unavailableProvince(province: string, path: ErrorPath, reason: ShardFailureReason, lang: Lang): SubgraphError {
  return routerError("PROVINCE_UNAVAILABLE", path, { province }, { reason }, lang);
}
