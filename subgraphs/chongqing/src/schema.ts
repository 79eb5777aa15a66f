/**
 * The `platform` subgraph schema, generated from one source: the type-graphql classes. As in
 * type-graphql's examples/apollo-federation-2: build the type-graphql schema, print it with its
 * directives, prepend the Federation 2 `@link`, and hand SDL and resolvers to `buildSubgraphSchema`
 * with the entity reference resolvers.
 *
 * Extending: a module adds its resolver class to RESOLVERS (one line) and, for a new entity, its
 * reference resolver to REFERENCE_RESOLVERS.
 */
import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { toGraphQLError } from "@jg/province-service/graphql";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import { resolveAccountReference } from "./accounts/account.reference";
import { AccountResolver } from "./accounts/account.resolver";
import { RegistrationResolver } from "./accounts/registration.resolver";
import type { PlatformContext } from "./context";
import { FeedbackResolver } from "./feedback/feedback.resolver";
import { FilingResolver } from "./filings/filing.resolver";
import { faultMiddleware } from "./graphql/errors";
import { LeaseResolver } from "./leases/lease.resolver";
import { resolveVehicleReference } from "./vehicles/vehicle.reference";
import { VehicleAccessResolver, VehicleResolver } from "./vehicles/vehicle.resolver";
import { EligibilityResolver } from "./violations/eligibility.resolver";

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes
export const RESOLVERS: NonEmptyArray<Function> = [AccountResolver, VehicleResolver, VehicleAccessResolver, EligibilityResolver, RegistrationResolver, FilingResolver, LeaseResolver, FeedbackResolver];

type Reference = (ref: Record<string, unknown>, ctx: PlatformContext) => unknown;

/** Reference resolvers bypass type-graphql's middleware: their faults are formatted here. */
const withFaults =
  (resolve: Reference): Reference =>
  async (ref, ctx) => {
    try {
      return await resolve(ref, ctx);
    } catch (err) {
      throw toGraphQLError(err, ctx.lang, ctx.deps.log);
    }
  };

/** `__resolveReference` per entity type. Province has none: the platform holds no copy of provinces. */
export const REFERENCE_RESOLVERS: Record<string, Reference> = {
  Account: withFaults((ref, ctx) => resolveAccountReference(ref as { id: string }, ctx)),
  Vehicle: withFaults((ref, ctx) => resolveVehicleReference(ref as { plate: string }, ctx)),
  // The representation carries the @requires facts; eligibility reads them from the root.
  Violation: (ref) => ref,
};

type ResolverMap = Record<string, Record<string, unknown>>;
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]>;

/** Builds the executable platform subgraph schema. */
export async function buildPlatformSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, globalMiddlewares: [faultMiddleware], validate: false });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [type, resolve] of Object.entries(REFERENCE_RESOLVERS)) {
    resolvers[type] = { ...resolvers[type], __resolveReference: resolve };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphResolvers });
}

/** The subgraph SDL as committed in `schema.graphql`. */
export async function printPlatformSchema(): Promise<string> {
  return `${printSubgraphSchema(await buildPlatformSchema()).trimEnd()}\n`;
}
