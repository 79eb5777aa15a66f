/**
 * A federated subgraph schema from type-graphql classes, the one way both subgraphs build theirs
 * (type-graphql's examples/apollo-federation-2): build the type-graphql schema, print it with its
 * directives (`@key`, `@shareable` … live on the AST nodes), prepend the Federation 2 `@link`, and hand
 * SDL and resolvers to `buildSubgraphSchema`, adding the entity reference resolvers.
 *
 * Errors leave by one mapping (`toError`): it wraps every field resolver of the built schema and every
 * reference resolver. It is applied here, to the resolver map, rather than as a type-graphql global
 * middleware (issue 12): type-graphql runs middlewares through `async` dispatchers, so every field
 * (a plain property read included) answered a promise chain of three awaits. The wrapper is synchronous
 * for a synchronous resolver and adds one `.then` to an asynchronous one. Fields of object types marked
 * `simpleResolvers` (plain properties) have no resolver at all: graphql-js's default one reads them.
 */
import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { isInterfaceType, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from "type-graphql";

/** An entity's `__resolveReference`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entity's representation has its own key fields
export type ReferenceResolver<C> = (ref: any, ctx: C) => unknown;

export interface SubgraphSchemaInput<C extends object> {
  /** The resolver classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes
  resolvers: NonEmptyArray<Function>;
  /** `__resolveReference` per entity type name. */
  references: Readonly<Record<string, ReferenceResolver<C>>>;
  /** Federation directives the SDL uses (`@key`, `@shareable`, `@external`, `@requires` …). */
  federationImports: readonly string[];
  /** What a thrown error becomes for the client (a GraphQLError with a catalogued code). */
  toError: (err: unknown, ctx: C) => Error;
}

type ResolverMap = Record<string, Record<string, unknown>>;
/** The resolver map `buildSubgraphSchema` takes (not exported by @apollo/subgraph's entry point). */
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]>;

/** Builds the executable subgraph schema. */
export async function buildFederatedSchema<C extends object>(input: SubgraphSchemaInput<C>): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: input.resolvers, validate: false });
  assertSimpleFieldsNotRenamed(schema);
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${input.federationImports.map((d) => JSON.stringify(d)).join(", ")}])`;
  const typeDefs = parse(`${link}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ResolverMap;
  // Every field resolver type-graphql made (object and interface types; none for `simpleResolvers` fields).
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
    const map = resolvers[type.name];
    if (!map) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      if (field.resolve && map[name] === field.resolve) map[name] = mapFaults(field.resolve as GraphQLFieldResolver<unknown, C>, input.toError);
    }
  }
  for (const [type, resolve] of Object.entries(input.references)) {
    const __resolveReference = async (ref: unknown, ctx: C) => {
      try {
        return await resolve(ref, ctx);
      } catch (err) {
        throw input.toError(err, ctx);
      }
    };
    resolvers[type] = { ...resolvers[type], __resolveReference };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphResolvers });
}

/**
 * Refuses a field without a resolver of its own (`simpleResolvers`, or `@Field({ simple: true })`) whose
 * GraphQL name is not its property's (`@Field({ name })`): graphql-js's default resolver reads the property
 * of the GraphQL name, so it would answer null where type-graphql's own resolver read the renamed property.
 */
function assertSimpleFieldsNotRenamed(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const field of storage.fields) {
    if (field.schemaName === field.name) continue;
    const typeName = storage.objectTypes.find((t) => t.target === field.target)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const built = type.getFields()[field.schemaName];
    if (built && !built.resolve) {
      throw new Error(`${typeName}.${field.schemaName} reads property "${field.name}" but has no resolver (simpleResolvers): graphql-js would read "${field.schemaName}"`);
    }
  }
}

/**
 * `resolve` with its errors mapped by `toError`: thrown synchronously or rejected, as the resolver did.
 * A synchronous answer stays synchronous (graphql-js completes it without a promise).
 */
function mapFaults<C>(resolve: GraphQLFieldResolver<unknown, C>, toError: (err: unknown, ctx: C) => Error): GraphQLFieldResolver<unknown, C> {
  return (source, args, ctx, info) => {
    let result: unknown;
    try {
      result = resolve(source, args, ctx, info);
    } catch (err) {
      throw toError(err, ctx);
    }
    if (!isPromiseLike(result)) return result;
    return result.then(undefined, (err: unknown) => {
      throw toError(err, ctx);
    });
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** The subgraph SDL as committed in a subgraph's `schema.graphql` (federation directives, no `_service`). */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trimEnd()}\n`;
}
