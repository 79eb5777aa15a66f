/**
 * The `province` subgraph schema, generated from one source: the type-graphql classes, built into a
 * federated schema by service-kit's `buildFederatedSchema` (the same helper as the platform's), with
 * every error, reference resolvers' included, leaving through `toGraphQLError`.
 */
import "reflect-metadata";
import { buildFederatedSchema, printFederatedSchema } from "@jg/service-kit/subgraph-schema";
import { type GraphQLSchema } from "graphql";
import { type ShardContext } from "./context";
import { toGraphQLError } from "./graphql/errors";
import { HandlingFieldsResolver } from "./handling/handling-fields.resolver";
import { HandlingMutationResolver } from "./handling/handling.mutation";
import { PaymentResolver } from "./payment/payment.resolver";
import { resolveProvinceReference } from "./province/province.reference";
import { ProvinceResolver } from "./province/province.resolver";
import { resolveViolationReference } from "./violation/violation.reference";
import { ViolationResolver } from "./violation/violation.resolver";
import { ViolationBatchResolver } from "./violation/violation-batch.resolver";
import { ReconciliationResolver, ReconciliationStatementResolver } from "./reconciliation/reconciliation.resolver";

/** Builds the executable subgraph schema every province shard serves. */
export function buildProvinceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<ShardContext>({
    resolvers: [
      ViolationResolver,
      ViolationBatchResolver,
      HandlingFieldsResolver,
      HandlingMutationResolver,
      PaymentResolver,
      ReconciliationResolver,
      ReconciliationStatementResolver,
      ProvinceResolver,
    ],
    references: { Violation: resolveViolationReference, Province: resolveProvinceReference },
    federationImports: ["@key", "@shareable", "@inaccessible"],
    toError: (err, ctx) => toGraphQLError(err, ctx.lang, ctx.services.logger),
  });
}

/** The subgraph SDL as committed in `schema.graphql` (federation directives included, no _service). */
export async function printProvinceSchema(): Promise<string> {
  return printFederatedSchema(await buildProvinceSchema());
}
