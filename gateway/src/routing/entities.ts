/**
 * `_entities` fetches split by shard (docs/design.md §3): representations grouped by province, one upstream
 * request per province in parallel, results merged back in the original order and length, error paths
 * `["_entities", i, …]` remapped to the original indexes, and every item of a failing or unknown
 * province reported at its own index while the other items stand.
 */
import { shardKeyOf } from "./shard-key";
import type { EntityRouteTable } from "./route-table";
import { unavailableProvince, unknownProvince, type ShardDirectory } from "./shard-directory";
import { langOf, type ShardCall } from "./shard-client";
import { routerError, type SubgraphError, type SubgraphResponse } from "./subgraph-response";

const ENTITIES = "_entities";

/** Routes one entities fetch; `call` carries the operation and its variables, representations included. */
export async function routeEntities(
  shards: ShardDirectory,
  routes: EntityRouteTable,
  call: ShardCall,
  representations: readonly unknown[],
): Promise<SubgraphResponse> {
  const lang = langOf(call);
  const results: unknown[] = representations.map(() => null);
  const errors: SubgraphError[] = [];
  const groups = new Map<string, number[]>();

  representations.forEach((representation, index) => {
    const rep = (representation ?? {}) as Record<string, unknown>;
    const typename = String(rep["__typename"]);
    const route = routes[typename];
    if (!route) {
      errors.push(routerError("INTERNAL_SERVER_ERROR", [ENTITIES, index], {}, { reason: `no entity route for ${typename}` }));
      return;
    }
    const key = shardKeyOf(route.kind, rep[route.field]);
    if (!key.ok) return void errors.push(routerError(key.code, [ENTITIES, index], key.params, { reason: key.message }, lang));
    if (!shards.has(key.province)) return void errors.push(unknownProvince(key.province, [ENTITIES, index], lang));
    const group = groups.get(key.province) ?? [];
    group.push(index);
    groups.set(key.province, group);
  });

  await Promise.all(
    [...groups].map(async ([province, indexes]) => {
      const shard = shards.get(province)!;
      const variables = { ...call.variables, representations: indexes.map((i) => representations[i]) };
      const result = await shard.send({ ...call, variables });
      const entities = result.ok ? result.response.data?.[ENTITIES] : undefined;
      if (!result.ok || !Array.isArray(entities) || entities.length !== indexes.length) {
        const reason = result.ok ? "UPSTREAM_ERROR" : result.reason;
        // A whole-request GraphQL error (no per-item data) keeps its own message beside ours.
        if (result.ok) errors.push(...(result.response.errors ?? []).map((e: SubgraphError) => remap(e, indexes)));
        for (const i of indexes) errors.push(unavailableProvince(province, [ENTITIES, i], reason, lang));
        return;
      }
      indexes.forEach((original, local) => (results[original] = entities[local]));
      errors.push(...(result.response.errors ?? []).map((e: SubgraphError) => remap(e, indexes)));
    }),
  );
  errors.sort((a, b) => indexOf(a) - indexOf(b));
  return { data: { [ENTITIES]: results }, ...(errors.length > 0 ? { errors } : {}) };
}

/** Rewrites `["_entities", local, …]` to `["_entities", original, …]`; other paths stay as they are. */
function remap(error: SubgraphError, indexes: readonly number[]): SubgraphError {
  const path = error.path;
  if (!path || path[0] !== ENTITIES || typeof path[1] !== "number") return error;
  const original = indexes[path[1]];
  if (original === undefined) return error;
  return { ...error, path: [ENTITIES, original, ...path.slice(2)] };
}

function indexOf(error: SubgraphError): number {
  const i = error.path?.[1];
  return typeof i === "number" ? i : Number.MAX_SAFE_INTEGER;
}
