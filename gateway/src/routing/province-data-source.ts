/**
 * The data source of the logical `province` subgraph (docs/design.md §3): one `GraphQLDataSource` that the
 * gateway's `buildService` returns for `province`, and that sends each subgraph request to the shard(s)
 * that own its data: `_entities` fetches by representation, root fields by their declared route.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { getOperationAST, Kind, parse, type DocumentNode } from "graphql";
import type { GatewayContext } from "../context";
import { routeEntities } from "./entities";
import { routeRootFields } from "./root-fields";
import { ENTITY_ROUTES, ROOT_ROUTES, type EntityRouteTable, type RootRouteTable } from "./route-table";
import type { ShardDirectory } from "./shard-directory";
import { routerError, type SubgraphResponse } from "./subgraph-response";

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
/** The variant for a client's operation (the enum that tags it is not exported by @apollo/gateway). */
type IncomingOptions = Extract<ProcessOptions, { incomingRequestContext: unknown }>;

function isIncoming(options: ProcessOptions): options is IncomingOptions {
  return (options.kind as string) === "incoming operation";
}

export interface ProvinceDataSourceOptions {
  shards: ShardDirectory;
  /** Root field routes (default {@link ROOT_ROUTES}). */
  roots?: RootRouteTable;
  /** Entity routes (default {@link ENTITY_ROUTES}). */
  entities?: EntityRouteTable;
}

/**
 * The parsed document of a subgraph fetch's text. The query planner gives the text only (no
 * `exposeDocumentNodeInFetchNode`), and a plan's fetches are a fixed handful of texts, each the same
 * string on every request: parsed once each, not per fetch (issue 12; ≈ 1 % of the gateway's CPU).
 * Bounded like the keep-alive fetcher's URL memory; routing never changes a parsed document.
 */
function parsedFetch(query: string): DocumentNode {
  let document = parsedFetches.get(query);
  if (!document) {
    document = parse(query);
    if (parsedFetches.size >= 1_000) parsedFetches.clear();
    parsedFetches.set(query, document);
  }
  return document;
}
const parsedFetches = new Map<string, DocumentNode>();

export class ProvinceDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly shards: ShardDirectory;
  private readonly roots: RootRouteTable;
  private readonly entities: EntityRouteTable;

  constructor(options: ProvinceDataSourceOptions) {
    this.shards = options.shards;
    this.roots = options.roots ?? ROOT_ROUTES;
    this.entities = options.entities ?? ENTITY_ROUTES;
  }

  async process(options: ProcessOptions): Promise<SubgraphResponse> {
    if (!isIncoming(options)) {
      // Apollo's own health check and schema loading are not used (supergraphSdl; /readyz checks shards).
      return { data: { __typename: "Query" } };
    }
    const { request } = options;
    if (!request.query) return { errors: [routerError("INTERNAL_SERVER_ERROR", undefined, {}, { reason: "missing query" })] };
    const document = options.document ?? parsedFetch(request.query);
    const operation = getOperationAST(document, request.operationName);
    if (!operation) return { errors: [routerError("INTERNAL_SERVER_ERROR", undefined, {}, { reason: "no operation" })] };
    const call = {
      operationType: operation.operation,
      query: request.query,
      variables: { ...request.variables },
      operationName: request.operationName,
      options,
    };
    const [first, ...rest] = operation.selectionSet.selections;
    if (first?.kind === Kind.FIELD && first.name.value === "_entities" && rest.length === 0) {
      const representations = call.variables["representations"];
      if (!Array.isArray(representations)) {
        return { errors: [routerError("INTERNAL_SERVER_ERROR", undefined, {}, { reason: "entities fetch without representations" })] };
      }
      return routeEntities(this.shards, this.entities, call, representations);
    }
    return routeRootFields(this.shards, this.roots, call, document, operation);
  }
}
