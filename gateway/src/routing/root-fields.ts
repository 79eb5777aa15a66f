/**
 * Root-field fetches routed by each field's declared argument (docs/design.md §3). The planner may put
 * several `province` root fields into one fetch; for a query they are grouped by province and sent as
 * one request per province in parallel (untouched when they all go to one). A mutation is never split:
 * its fields must all name one province, or the fetch is refused before anything is sent.
 */
import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode } from "graphql";
import { pruneOperation } from "./prune-operation";
import { readRouteArg } from "./route-args";
import type { RootRouteTable } from "./route-table";
import { shardKeyOf } from "./shard-key";
import { unavailableProvince, unknownProvince, type ShardDirectory } from "./shard-directory";
import { langOf, type ShardCall } from "./shard-client";
import { routerError, type SubgraphError, type SubgraphResponse } from "./subgraph-response";

const ROOT_NAMES = { query: "Query", mutation: "Mutation", subscription: "Subscription" } as const;

/** Routes one root-field fetch of `operation` (the only operation of `document`). */
export async function routeRootFields(
  shards: ShardDirectory,
  routes: RootRouteTable,
  call: ShardCall,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Promise<SubgraphResponse> {
  const lang = langOf(call);
  const rootName = ROOT_NAMES[operation.operation];
  const data: Record<string, unknown> = {};
  const errors: SubgraphError[] = [];
  const groups = new Map<string, FieldNode[]>();
  const fields: FieldNode[] = [];
  const batchFields = new Set<FieldNode>();

  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) {
      return { errors: [routerError("INTERNAL_SERVER_ERROR", undefined, {}, { reason: "fragment at the root of a province fetch" })] };
    }
    const key = selection.alias?.value ?? selection.name.value;
    data[key] = null;
    if (selection.name.value === "__typename") {
      data[key] = rootName;
      continue;
    }
    fields.push(selection);
    const route = routes[`${rootName}.${selection.name.value}`];
    if (!route) {
      errors.push(routerError("INTERNAL_SERVER_ERROR", [key], {}, { reason: `no route for ${rootName}.${selection.name.value}` }));
      continue;
    }
    if (route.batch) batchFields.add(selection);
    const shardKey = shardKeyOf(route.kind, readRouteArg(selection, route.arg, call.variables));
    if (!shardKey.ok) errors.push(routerError(shardKey.code, [key], shardKey.params, { reason: shardKey.message }, lang));
    else if (!shards.has(shardKey.province)) errors.push(unknownProvince(shardKey.province, [key], lang));
    else groups.set(shardKey.province, [...(groups.get(shardKey.province) ?? []), selection]);
  }

  if (operation.operation === "mutation" && (groups.size > 1 || (groups.size === 1 && errors.length > 0))) {
    // Part of a mutation cannot be sent while another part is refused or sent elsewhere: all or nothing.
    return {
      data: Object.fromEntries(Object.keys(data).map((k) => [k, null])),
      errors: [
        ...errors,
        routerError("BAD_USER_INPUT", undefined, { reason: "the province mutations of one request must all concern one province" }, {}, lang),
      ],
    };
  }

  await Promise.all(
    [...groups].map(async ([province, group]) => {
      const narrowed = group.length === fields.length ? call : narrow(call, document, operation, group);
      // A batch mutation (route-table.ts `batch`) waits for the shard's longer batch timeout.
      const shardCall = group.some((field) => batchFields.has(field)) ? { ...narrowed, batch: true } : narrowed;
      const result = await shards.get(province)!.send(shardCall);
      for (const field of group) {
        const key = field.alias?.value ?? field.name.value;
        if (result.ok) data[key] = result.response.data?.[key] ?? null;
        else errors.push(unavailableProvince(province, [key], result.reason, lang));
      }
      if (result.ok) errors.push(...(result.response.errors ?? []));
    }),
  );
  return { data, ...(errors.length > 0 ? { errors } : {}) };
}

function narrow(call: ShardCall, document: DocumentNode, operation: OperationDefinitionNode, group: FieldNode[]): ShardCall {
  const { query, variableNames } = pruneOperation(document, operation, group);
  const variables = Object.fromEntries(Object.entries(call.variables).filter(([name]) => variableNames.has(name)));
  return { ...call, query, variables };
}
