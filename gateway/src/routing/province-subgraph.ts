/**
 * What the composed supergraph says about the logical `province` subgraph: its root fields (with their
 * argument names), its entity types and its schema. The router checks its route table against this,
 * and the drift check compares every shard's own schema with it.
 */
import { buildSubgraph, Supergraph } from "@apollo/federation-internals";
import { isUnionType, type GraphQLSchema } from "graphql";

/** The logical name under which every province shard is composed (docs/design.md §3). */
export const PROVINCE_SUBGRAPH = "province";

export interface ProvinceSubgraph {
  /** "Query.violation" → its argument names. Federation's own `_entities` / `_service` excluded. */
  readonly rootFields: ReadonlyMap<string, readonly string[]>;
  /** Entity type names (members of `_Entity`). */
  readonly entityTypes: readonly string[];
  /** The subgraph schema as graphql-js sees it, federation additions included. */
  readonly schema: GraphQLSchema;
}

const FEDERATION_ROOT_FIELDS = new Set(["_entities", "_service"]);

function describe(schema: GraphQLSchema): ProvinceSubgraph {
  const rootFields = new Map<string, string[]>();
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (FEDERATION_ROOT_FIELDS.has(field.name)) continue;
      // Root types may be renamed in a subgraph; the supergraph and route table use the default names.
      const kind = root === schema.getQueryType() ? "Query" : root === schema.getMutationType() ? "Mutation" : "Subscription";
      rootFields.set(`${kind}.${field.name}`, field.args.map((a) => a.name));
    }
  }
  const entity = schema.getType("_Entity");
  const entityTypes = entity && isUnionType(entity) ? entity.getTypes().map((t) => t.name) : [];
  return { rootFields, entityTypes, schema };
}

/**
 * Extracts the `province` subgraph from a supergraph SDL.
 * @throws {Error} when the supergraph is invalid or has no `province` subgraph.
 */
export function provinceSubgraphOf(supergraphSdl: string, name = PROVINCE_SUBGRAPH): ProvinceSubgraph {
  const subgraph = Supergraph.build(supergraphSdl).subgraphs().get(name);
  if (!subgraph) throw new Error(`the supergraph has no "${name}" subgraph`);
  return describe(subgraph.schema.toGraphQLJSSchema());
}

/** Reads a shard's own SDL (`_service { sdl }`) the same way, so the two compare like for like. */
export function subgraphFromSdl(sdl: string, name = PROVINCE_SUBGRAPH): ProvinceSubgraph {
  return describe(buildSubgraph(name, "http://shard", sdl).schema.toGraphQLJSSchema());
}
