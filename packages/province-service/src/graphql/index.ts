/**
 * `@jg/province-service/graphql`: the one definition of the GraphQL types the `province` subgraph and
 * the Chongqing `platform` subgraph both declare, and of the resolver-error mapping both use.
 *
 * - Scalars `DateTime` and `ProvinceCode`: a scalar is one type in the supergraph, so both subgraphs
 *   must give the same name, wire format and description.
 * - Enums `CaptureSource` and `ViolationStatus`: value types that composition requires identical.
 * - Object type `Denial` (`@shareable`): both subgraphs answer refusals in this shape.
 * - Abstract `ViolationPenalty` (fine, points, warning, status): the fields `Violation` and `FleetViolation` share.
 * - `toGraphQLError`: every resolver error leaves as a catalogued GraphQLError (service-kit's
 *   `buildFederatedSchema` applies it to resolvers and reference resolvers alike).
 *
 * Why here and not in a new package: these are the `province` subgraph's contract types, which the
 * platform re-states for composition. `@jg/chongqing` already depends on `@jg/province-service` (it
 * runs its own shard 50 from it) and nothing here depends on the platform, so exporting them from the
 * province service adds no dependency edge and cannot make a cycle. This subpath loads only these
 * modules (graphql, type-graphql, graphql-scalars, @jg/provinces, @jg/errors), not the shard. Should a
 * subgraph that does not run province shards need them, or should these types need the platform's,
 * they move to a package of their own.
 *
 * One class or enum in two schemas of one process (the platform schema and shard 50's): type-graphql
 * keeps one metadata record per class/enum object and builds fresh GraphQL types from it on each
 * `buildSchema` call, emitting only the types the schema's resolvers reach; so both schemas get the
 * same definition and neither gains the other's types (tested in
 * subgraphs/chongqing/src/graphql/shared-types.test.ts). The scalars are graphql-js objects, which
 * any number of schemas may share.
 */
export { Denial, localizeDenials, type BilingualDenial } from "./denial.type";
export { CaptureSource, ViolationStatus } from "./enums";
export { toGraphQLError } from "./errors";
export { DateTimeScalar, ProvinceCodeScalar } from "./scalars";
export { ViolationPenalty } from "./violation-penalty";
