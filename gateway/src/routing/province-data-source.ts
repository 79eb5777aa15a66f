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

export function isIncoming(options: ProcessOptions): options is IncomingOptions {
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
 * A fetch's text carries the client's literal arguments, so distinct clients' texts can be many and large:
 * the memory is bounded by size, not only by count — a text longer than `PARSED_FETCH_MAX_CHARS` is parsed
 * every time and never kept, and the memory is emptied once its texts reach `PARSED_FETCHES_MAX_CHARS` in
 * all (at most ≈ 4 M characters, against Apollo's own ≈ 30 MiB caches). Routing never changes a parsed document.
 */
export function parsedFetch(query: string): DocumentNode {
  const known = parsedFetches.get(query);
  if (known) return known;
  const document = parse(query);
  if (query.length > PARSED_FETCH_MAX_CHARS) return document;
  if (parsedFetchChars + query.length > PARSED_FETCHES_MAX_CHARS) {
    parsedFetches.clear();
    parsedFetchChars = 0;
  }
  parsedFetches.set(query, document);
  parsedFetchChars += query.length;
  return document;
}
export const PARSED_FETCH_MAX_CHARS = 16 * 1024;
const PARSED_FETCHES_MAX_CHARS = 4 * 1024 * 1024;
const parsedFetches = new Map<string, DocumentNode>();
let parsedFetchChars = 0;

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
