/**
 * The `province` subgraph schema, generated from one source: the type-graphql classes. Following
 * type-graphql's examples/apollo-federation-2: build the type-graphql schema, print it with its
 * directives (`@key`, `@shareable` live on the AST nodes), prepend the Federation 2 `@link`, and hand
 * SDL and resolvers to `buildSubgraphSchema`, adding the entity reference resolvers.
 */
import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql/index.js";
import { buildSchema, createResolversMap } from "type-graphql";
import { type ShardContext } from "./context";
import { faultMiddleware } from "./graphql/fault.middleware";
import { HandlingFieldsResolver } from "./handling/handling.resolver";
import { HandlingResolver } from "./handling/handling.mutation";
import { PaymentResolver } from "./payment/payment.resolver";
import { resolveProvinceReference } from "./province/province.reference";
import { ProvinceResolver } from "./province/province.resolver";
import { resolveViolationReference } from "./violation/violation.reference";
import { ViolationResolver } from "./violation/violation.resolver";

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])';

type ResolverMap = Record<string, Record<string, unknown>>;
/** The resolver map `buildSubgraphSchema` takes (not exported by @apollo/subgraph's entry point). */
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]>;

/** Builds the executable subgraph schema every province shard serves. */
export async function buildProvinceSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [ViolationResolver, HandlingFieldsResolver, HandlingResolver, PaymentResolver, ProvinceResolver],
    globalMiddlewares: [faultMiddleware],
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ResolverMap;
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      ...resolvers,
      Violation: {
        ...resolvers.Violation,
        __resolveReference: (ref: { id: string }, ctx: ShardContext) => resolveViolationReference(ref, ctx),
      },
      Province: {
        ...resolvers.Province,
        __resolveReference: (ref: { code: string }, ctx: ShardContext) => resolveProvinceReference(ref, ctx),
      },
    } as SubgraphResolvers,
  });
}

/** The subgraph SDL as committed in `schema.graphql` (federation directives included, no _service). */
export async function printProvinceSchema(): Promise<string> {
  return `${printSubgraphSchema(await buildProvinceSchema()).trimEnd()}\n`;
}
