/**
 * The data source of the `platform` subgraph (Chongqing): Apollo's remote data source on the shared
 * keep-alive fetcher, forwarding the same headers as the shards, with a timeout.
 */
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "./context";
import { ForwardingDataSource } from "./routing/shard-client";
import type { SubgraphResponse } from "./routing/subgraph-response";

export class PlatformDataSource extends ForwardingDataSource {
  timeoutMs = 5000;

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    return this.send(options, AbortSignal.timeout(this.timeoutMs));
  }
}
