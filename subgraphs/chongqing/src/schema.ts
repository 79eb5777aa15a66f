/**
 * The `platform` subgraph schema, generated from one source: the type-graphql classes, built into a
 * federated schema by service-kit's `buildFederatedSchema` (the same helper as the province
 * subgraph's), with every error, reference resolvers' included, leaving through `toGraphQLError`.
 *
 * Extending: a module adds its resolver class to RESOLVERS (one line) and, for a new entity, its
 * reference resolver to REFERENCE_RESOLVERS.
 */
import "reflect-metadata";
import { toGraphQLError } from "@jg/province-service/graphql";
import { buildFederatedSchema, printFederatedSchema, type ReferenceResolver } from "@jg/service-kit/subgraph-schema";
import type { GraphQLSchema } from "graphql";
import type { NonEmptyArray } from "type-graphql";
import { resolveAccountReference } from "./accounts/account.reference";
import { AccountResolver } from "./accounts/account.resolver";
import { RegistrationResolver } from "./accounts/registration.resolver";
import type { PlatformContext } from "./context";
import { FeedbackResolver } from "./feedback/feedback.resolver";
import { FilingResolver } from "./filings/filing.resolver";
import { LeaseResolver } from "./leases/lease.resolver";
import { resolveVehicleReference } from "./vehicles/vehicle.reference";
import { VehicleAccessResolver, VehicleResolver } from "./vehicles/vehicle.resolver";
import { EligibilityResolver } from "./violations/eligibility.resolver";
import { FleetViolationResolver } from "./partners/fleet-violation.resolver";
import { WebhookResolver } from "./webhooks/webhook.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes
export const RESOLVERS: NonEmptyArray<Function> = [AccountResolver, VehicleResolver, VehicleAccessResolver, EligibilityResolver, RegistrationResolver, FilingResolver, LeaseResolver, FeedbackResolver, FleetViolationResolver, WebhookResolver];

/** `__resolveReference` per entity type. Province has none: the platform holds no copy of provinces. */
export const REFERENCE_RESOLVERS: Record<string, ReferenceResolver<PlatformContext>> = {
  Account: (ref: { id: string }, ctx) => resolveAccountReference(ref, ctx),
  Vehicle: (ref: { plate: string }, ctx) => resolveVehicleReference(ref, ctx),
  // The representation carries the @requires facts; eligibility reads them from the root.
  Violation: (ref: unknown) => ref,
};

/** Builds the executable platform subgraph schema. */
export function buildPlatformSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<PlatformContext>({
    resolvers: RESOLVERS,
    references: REFERENCE_RESOLVERS,
    federationImports: ["@key", "@shareable", "@external", "@requires", "@inaccessible"],
    // The one mapping both subgraphs use; the platform's logger is the context's `deps.log`.
    toError: (err, ctx) => toGraphQLError(err, ctx.lang, ctx.deps.log),
  });
}

/** The subgraph SDL as committed in `schema.graphql`. */
export async function printPlatformSchema(): Promise<string> {
  return printFederatedSchema(await buildPlatformSchema());
}
