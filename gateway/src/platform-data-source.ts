/**
 * The data source of the `platform` subgraph (Chongqing): Apollo's remote data source on the shared
 * keep-alive fetcher, forwarding the same headers as the shards, with a timeout (a timer and a
 * `CallAbort`, not `AbortSignal.timeout`'s EventTarget per request: issue 11). Each request of a client
 * query's plan carries the operation's key (`x-jg-operation`): a listing's plan asks the platform twice
 * (the citizen's vehicles, then `eligibility`, which `@requires` the provinces' facts), and the platform
 * reads the viewer once for both (issue 12; subgraphs/chongqing/src/accounts/operation-viewers.ts). A
 * mutation's requests never carry it, so what a mutation changed is read after the change.
 */
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { OPERATION_HEADER } from "@jg/identity";
import type { GatewayContext } from "./context";
import { GraphQLError } from "graphql";
import { CallAbort } from "./routing/keep-alive-fetcher";
import { isIncoming } from "./routing/province-data-source";
import { ForwardingDataSource, isGraphQLBody } from "./routing/shard-client";
import type { SubgraphResponse } from "./routing/subgraph-response";

export class PlatformDataSource extends ForwardingDataSource {
  timeoutMs = 5000;

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const abort = new CallAbort();
    const timer = setTimeout(() => abort.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), this.timeoutMs);
    try {
      return await this.send(options, abort, operationHeaders(options));
    } catch (error) {
      // A 4xx with a GraphQL body is the platform's answer, as for shards (shard-client.ts): for example
      // a DateTime the platform's scalar refuses, which the supergraph's opaque scalar let through. Left
      // to Apollo it became INTERNAL_SERVER_ERROR (found by the fuzzing suite, issue 10 §7).
      if (error instanceof GraphQLError) {
        const response = error.extensions["response"] as { status?: number; body?: unknown } | undefined;
        if (response?.status !== undefined && response.status < 500 && isGraphQLBody(response.body)) return response.body as SubgraphResponse;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The operation's key for a client query's requests; nothing for a mutation, a subscription or the gateway's own requests. */
export function operationHeaders(options: GraphQLDataSourceProcessOptions<GatewayContext>): Record<string, string> | undefined {
  if (!isIncoming(options) || options.incomingRequestContext.operation?.operation !== "query") return undefined;
  const key = (options.context as Partial<GatewayContext> | undefined)?.operationKey;
  return key ? { [OPERATION_HEADER]: key } : undefined;
}
