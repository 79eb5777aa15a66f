/**
 * The province router as a standalone HTTP service that looks like one subgraph (docs/design.md §3, §9): for
 * a deployment in which another federation router (Apollo Router, Hive Gateway, Cosmo) fronts the
 * provinces. That router composes `province` from this service's `_service { sdl }` (the committed
 * province SDL) and sends it ordinary subgraph requests; this service routes each to the shards exactly
 * as the gateway does, with the same timeouts, retries, breakers, drift check and error codes.
 *
 * The fronting router owns the edge. It sends either the identity header (`x-jg-identity`, signed with
 * its own key, listed as an `edge` or a `third-party-edge` in the key directory) or the caller's own
 * bearer access token (issue 13: what Hive Gateway or Apollo Router verify against the issuer's JWKS and
 * forward). This service checks it against the key directory as the shards would (`readCarriedIdentity`)
 * and refuses a request without a valid one with 401 before anything is sent to a shard; a valid one is
 * passed through to the shards untouched, and this service never signs identities itself. Like every
 * subgraph (docs/design.md §8, service-kit's `composerVerdict`), it answers `_service` and introspection
 * only to the composer's credential (403 INTROSPECTION_DISABLED to anyone else), itself, from its own
 * schema (no shard is asked); and that credential is no identity: a composer asking anything else is
 * refused with 401.
 */
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { bearer, COMPOSE_AUDIENCE, IDENTITY_HEADER, isComposer, readCarriedIdentity, signServiceToken, TokenError, type KeyDirectory, type ServiceSigner } from "@jg/identity";
import { composerVerdict, graphqlErrorBody, measureDocument, startHttpServer, SUBGRAPH_DOCUMENT_LIMITS, type HttpRequest, type HttpResponse } from "@jg/service-kit";
import { execute, getOperationAST, parse, validate, type DocumentNode, type ExecutionResult } from "graphql";
import { pino, type Logger } from "pino";
import type { GatewayContext } from "./context";
import { languageOf } from "@jg/errors";
import { requestIdOf } from "./edge/request-id";
import { REQUEST_ID_HEADER } from "./forward-headers";
import { operationsRoutes } from "./ops-routes";
import { GatewayMetrics } from "./metrics";
import { buildShards, type ShardSettings } from "./routing/build-shards";
import { createKeepAliveFetcher } from "./routing/keep-alive-fetcher";
import { ProvinceDataSource } from "./routing/province-data-source";
import { subgraphFromSdl } from "./routing/province-subgraph";
import { checkRoutes } from "./routing/route-table";
import { checkShards } from "./routing/shard-health";

export interface StandaloneRouterOptions extends ShardSettings {
  /** The `province` subgraph SDL every shard serves (packages/province-service/schema.graphql). */
  provinceSdl: string;
  /** Port (default 0: a free one) and interface (default 127.0.0.1). */
  port?: number;
  host?: string;
  logger?: Logger;
  /** The router's own key (role `composer` in the shards' key directory): shards answer `_service` to it only (issue 10 §4). */
  composer: ServiceSigner;
  /**
   * The key directory: a request must carry an identity the shards would accept (an edge's or third-party
   * edge's header, or an issuer's bearer token) or it is refused here with 401 (issue 13); a schema
   * question (`_service`, introspection) must carry a `composer`'s service token or it is refused with 403.
   */
  directory: KeyDirectory;
}

export interface StandaloneRouter {
  url: string;
  metrics: GatewayMetrics;
  close(): Promise<void>;
}

function header(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Starts the standalone router: `POST /graphql` (subgraph protocol), `/readyz`, `/metrics`. */
export async function startStandaloneRouter(options: StandaloneRouterOptions): Promise<StandaloneRouter> {
  const logger = options.logger ?? pino({ base: { service: "province-router" } });
  const province = subgraphFromSdl(options.provinceSdl);
  checkRoutes(province);
  const metrics = new GatewayMetrics();
  const keepAlive = createKeepAliveFetcher();
  const shards = buildShards(options, { keepAlive, metrics, logger });
  const composerToken = async () => bearer(await signServiceToken(COMPOSE_AUDIENCE, options.composer));
  const recheck = () => checkShards(shards, province, keepAlive.fetcher, options.shardTimeoutMs, composerToken);
  await recheck();
  const router = new ProvinceDataSource({ shards });
  /** A composer's schema question (introspection, `_service`) run on the router's own schema: `_service { sdl }` is the province SDL as given. */
  const schemaAnswer = async (document: DocumentNode, operationName: string | undefined, variables: unknown): Promise<ExecutionResult> => {
    const errors = validate(province.schema, document);
    if (errors.length > 0) return { errors };
    return execute({
      schema: province.schema,
      document,
      operationName: operationName ?? null,
      variableValues: (variables ?? {}) as Record<string, unknown>,
      rootValue: { _service: { sdl: options.provinceSdl } },
    });
  };

  const graphql = async (req: HttpRequest): Promise<HttpResponse> => {
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (typeof body?.query !== "string") return { status: 400, json: { errors: [{ message: "a GraphQL request needs a query" }] } };
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    let document;
    try {
      // Bounded like every subgraph's documents (issue 10 §1): the parser stops at the token limit.
      document = parse(body.query, { maxTokens: SUBGRAPH_DOCUMENT_LIMITS.maxTokens });
    } catch (error) {
      const message = error instanceof Error ? error.message : "syntax error";
      if (/Document contains more th(?:at|an) \d+ tokens/.test(message)) {
        return { status: 400, json: graphqlErrorBody("DOCUMENT_TOO_LARGE", { limit: SUBGRAPH_DOCUMENT_LIMITS.maxTokens }) };
      }
      return { status: 400, json: { errors: [{ message, extensions: { code: "GRAPHQL_PARSE_FAILED" } }] } };
    }
    const refusal = measureDocument(document, SUBGRAPH_DOCUMENT_LIMITS);
    if (refusal) return { status: 400, json: graphqlErrorBody(refusal.code, { limit: refusal.limit, actual: refusal.actual }) };
    const requestId = requestIdOf(header(req, REQUEST_ID_HEADER));
    // Only the composer reads the schema, and its credential is no identity (docs/design.md §8): the one
    // decision of every subgraph (service-kit's composer-only.ts).
    const verdict = composerVerdict(document, getOperationAST(document, operationName), await isComposer(req.headers, options.directory));
    if (verdict === "not-composer") {
      logger.warn({ requestId }, "refused a schema question without the composer's credential");
      return { status: 403, json: graphqlErrorBody("INTROSPECTION_DISABLED"), headers: { [REQUEST_ID_HEADER]: requestId } };
    }
    if (verdict === "composer-no-identity") {
      logger.warn({ requestId }, "refused a composer's request that asks more than the schema");
      return { status: 401, json: graphqlErrorBody("UNAUTHENTICATED", { reason: "COMPOSER_IS_NO_IDENTITY" }), headers: { [REQUEST_ID_HEADER]: requestId } };
    }
    if (verdict === "schema") {
      // Answered here from the router's own schema (the province SDL the shards are checked against), so
      // no shard is asked and the composer's token goes nowhere.
      return { status: 200, json: await schemaAnswer(document, operationName, body.variables), headers: { [REQUEST_ID_HEADER]: requestId } };
    }
    try {
      await readCarriedIdentity(req.headers, options.directory);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      logger.warn({ requestId, code: error.code }, "refused a request without a valid identity");
      return { status: 401, json: graphqlErrorBody("UNAUTHENTICATED", { reason: error.code }), headers: { [REQUEST_ID_HEADER]: requestId } };
    }
    const identityHeader = header(req, IDENTITY_HEADER);
    const forwardedAuthorization = identityHeader ? undefined : header(req, "authorization");
    const acceptLanguage = header(req, "accept-language");
    const context: GatewayContext = {
      requestId,
      identity: null,
      lang: languageOf(acceptLanguage),
      ...(identityHeader ? { identityHeader } : {}),
      ...(forwardedAuthorization ? { forwardedAuthorization } : {}),
      ...(acceptLanguage ? { acceptLanguage } : {}),
    };
    const request = { query: body.query, variables: (body.variables ?? {}) as Record<string, unknown>, operationName };
    // Apollo's remote data source reads only `overallCachePolicy` of the incoming request context, and
    // there is no incoming Apollo request here: an empty one stands in.
    const processOptions = {
      kind: "incoming operation",
      request,
      context,
      document,
      incomingRequestContext: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    const response = await router.process(processOptions);
    const { http: _http, ...json } = response as typeof response & { http?: unknown };
    return { status: 200, json, headers: { [REQUEST_ID_HEADER]: requestId } };
  };

  const http = await startHttpServer({
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    onError: (err, req) => logger.error({ err, path: req.path }, "route failed"),
    routes: [
      { method: "POST", path: "/graphql", handler: graphql },
      ...operationsRoutes(recheck, metrics),
    ],
  });
  return {
    url: http.url,
    metrics,
    close: async () => {
      await http.close();
      await keepAlive.close();
    },
  };
}
