/**
 * The data source of the `platform` subgraph (Chongqing): Apollo's remote data source on the shared
 * keep-alive fetcher, forwarding the same headers as the shards, with a timeout (a timer and a
 * `CallAbort`, not `AbortSignal.timeout`'s EventTarget per request: issue 11).
 */
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "./context";
import { GraphQLError } from "graphql";
import { CallAbort } from "./routing/keep-alive-fetcher";
import { ForwardingDataSource, isGraphQLBody } from "./routing/shard-client";
import type { SubgraphResponse } from "./routing/subgraph-response";

export class PlatformDataSource extends ForwardingDataSource {
  timeoutMs = 5000;

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const abort = new CallAbort();
    const timer = setTimeout(() => abort.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), this.timeoutMs);
    try {
      return await this.send(options, abort);
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
