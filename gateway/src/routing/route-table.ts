/**
 * The declared routes of the `province` subgraph (docs/design.md §3, "Keys and routing"): which argument of
 * each root field, and which key field of each entity, names the shard. Declared here, never guessed:
 * {@link checkRoutes} makes a root field or entity without a route a startup error.
 */
import { getNamedType, isInputObjectType, type GraphQLSchema } from "graphql";
import type { ProvinceSubgraph } from "./province-subgraph";

/** How a routing value maps to a province code. */
export type RouteKind = "violationId" | "provinceCode";

/**
 * The route of a root field: `arg` is a dotted path into the field's arguments ("input.province").
 * `batch`: a heavy batch mutation (hundreds of records in one call); its shard request gets the longer
 * batch timeout (SHARD_BATCH_TIMEOUT_MS) instead of the per-shard one.
 */
export interface RootRoute {
  readonly arg: string;
  readonly kind: RouteKind;
  readonly batch?: true;
}

/** The route of an entity: the representation's key field that names the province. */
export interface EntityRoute {
  readonly field: string;
  readonly kind: RouteKind;
}

/** Root field routes, keyed "Query.field" / "Mutation.field". */
export type RootRouteTable = Readonly<Record<string, RootRoute>>;
/** Entity routes, keyed by type name. */
export type EntityRouteTable = Readonly<Record<string, EntityRoute>>;

/** The routes of the `province` subgraph's public contract (docs/design.md §7). */
export const ROOT_ROUTES: RootRouteTable = {
  "Query.violation": { arg: "id", kind: "violationId" },
  "Query.province": { arg: "code", kind: "provinceCode" },
  "Mutation.handleViolation": { arg: "id", kind: "violationId" },
  "Mutation.payFine": { arg: "violationId", kind: "violationId" },
  "Mutation.recordViolation": { arg: "input.province", kind: "provinceCode" },
  "Mutation.recordViolations": { arg: "province", kind: "provinceCode", batch: true },
  "Query.reconciliationStatement": { arg: "province", kind: "provinceCode" },
  "Mutation.submitReconciliation": { arg: "province", kind: "provinceCode", batch: true },
};

/** The routes of the `province` subgraph's entities: a violation ID's first two digits, a province's code. */
export const ENTITY_ROUTES: EntityRouteTable = {
  Violation: { field: "id", kind: "violationId" },
  Province: { field: "code", kind: "provinceCode" },
};

/** Thrown at startup when the composed `province` subgraph has a root field or entity with no route. */
export class MissingRouteError extends Error {
  override readonly name = "MissingRouteError";
  constructor(readonly missing: readonly string[]) {
    super(
      `the province subgraph has no declared route for: ${missing.join(", ")} ` +
        "(declare each in gateway/src/routing/route-table.ts; routes are never guessed, docs/design.md §3)",
    );
  }
}

/**
 * Checks that every root field and every entity type the supergraph assigns to `province` has a route,
 * and that each root route's argument path exists on its field (down into input objects: a renamed
 * `input.province` must fail at startup, not route every call as a malformed province).
 * @throws {MissingRouteError} listing every field or entity without a usable route.
 */
export function checkRoutes(
  subgraph: ProvinceSubgraph,
  roots: RootRouteTable = ROOT_ROUTES,
  entities: EntityRouteTable = ENTITY_ROUTES,
): void {
  const missing: string[] = [];
  for (const coordinate of subgraph.rootFields.keys()) {
    const route = roots[coordinate];
    if (!route || !argPathExists(subgraph.schema, coordinate, route.arg)) missing.push(coordinate);
  }
  for (const type of subgraph.entityTypes) if (!entities[type]) missing.push(`entity ${type}`);
  if (missing.length > 0) throw new MissingRouteError(missing);
}

/** True when "Query.field" has an argument at the dotted `path` ("input.province"). */
function argPathExists(schema: GraphQLSchema, coordinate: string, path: string): boolean {
  const [rootName, fieldName] = coordinate.split(".");
  const root = rootName === "Query" ? schema.getQueryType() : rootName === "Mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  const field = fieldName === undefined ? undefined : root?.getFields()[fieldName];
  const [head, ...rest] = path.split(".");
  let type = field?.args.find((a) => a.name === head)?.type;
  for (const key of rest) {
    const named = type ? getNamedType(type) : undefined;
    type = named && isInputObjectType(named) ? named.getFields()[key]?.type : undefined;
  }
  return type !== undefined;
}
