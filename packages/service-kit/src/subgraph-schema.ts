/**
 * A federated subgraph schema from type-graphql classes, the one way both subgraphs build theirs
 * (type-graphql's examples/apollo-federation-2): build the type-graphql schema, print it with its
 * directives (`@key`, `@shareable` … live on the AST nodes), prepend the Federation 2 `@link`, and hand
 * SDL and resolvers to `buildSubgraphSchema`, adding the entity reference resolvers.
 *
 * Errors leave by one mapping (`toError`): it is the global middleware of every resolver, and it wraps
 * every reference resolver too, which type-graphql's middleware never sees.
 */
import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type MiddlewareFn, type NonEmptyArray } from "type-graphql";

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
  const faults: MiddlewareFn<C> = async ({ context }, next) => {
    try {
      return await next();
    } catch (err) {
      throw input.toError(err, context);
    }
  };
  const schema = await buildSchema({ resolvers: input.resolvers, globalMiddlewares: [faults], validate: false });
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${input.federationImports.map((d) => JSON.stringify(d)).join(", ")}])`;
  const typeDefs = parse(`${link}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ResolverMap;
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

/** The subgraph SDL as committed in a subgraph's `schema.graphql` (federation directives, no `_service`). */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trimEnd()}\n`;
}
