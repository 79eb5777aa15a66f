/**
 * `createGateway(config)`: the supergraph served by Apollo Server on Apollo Gateway (docs/design.md §3, §8),
 * hosted on service-kit's `startHttpServer` so that GraphQL, `/healthz`, `/readyz`, `/metrics` and the
 * IDE share one port with the same body limit and graceful close as every other service.
 *
 * Startup refuses to run with a `province` root field or entity that has no declared route, checks every
 * shard's schema (a drifting one is refused and reported by `/readyz`), and only then listens.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { COMPOSE_AUDIENCE, identityHeaders, isServiceCaller, jwksRoute, signServiceToken } from "@jg/identity";
import { clockFromConfig, clockRoutes, documentGuard, errorFormatter, startHttpServer, type Clock, type HttpRequest, type Route } from "@jg/service-kit";
import { pino, type Logger } from "pino";
import { configSchema, ideOn, introspectionOn, type GatewayConfig, type GatewayConfigInput } from "./config";
import type { GatewayContext } from "./context";
import { authenticate } from "./edge/authenticate";
import { languageOf } from "@jg/errors";
import { limitRules, noIntrospection } from "./edge/limits";
import { graphqlOverHttpStatus } from "./edge/http-status";
import { loadManifest, trustedDocuments } from "./edge/trusted-documents";
import { requestIdOf } from "./edge/request-id";
import { GraphQLError } from "graphql";
import { REQUEST_ID_HEADER } from "./forward-headers";
import { ideAssets } from "./ide/bundle";
import { IDE_ASSET_FILES, idePage } from "./ide/page";
import { operationsRoutes } from "./ops-routes";
import { GatewayMetrics } from "./metrics";
import { PlatformDataSource } from "./platform-data-source";
import { requestPlugin } from "./request-plugin";
import { buildShards } from "./routing/build-shards";
import { createKeepAliveFetcher } from "./routing/keep-alive-fetcher";
import { ProvinceDataSource } from "./routing/province-data-source";
import { PROVINCE_SUBGRAPH, provinceSubgraphOf } from "./routing/province-subgraph";
import { checkRoutes } from "./routing/route-table";
import { type ShardClient, type ShardTimer } from "./routing/shard-client";
import { checkShards, type ShardHealth } from "./routing/shard-health";

/** The logical name of Chongqing's platform subgraph in the supergraph. */
const PLATFORM_SUBGRAPH = "platform";

/** Where `pnpm compose` writes the supergraph. */
export { GATEWAY_SERVICE } from "./config";

export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL("../supergraph.graphql", import.meta.url));

/** Things a test or the simulator injects; production uses the defaults. */
export interface GatewayDeps {
  /** Log sink (default pino JSON on stdout at `config.logLevel`). */
  logger?: Logger;
  /** Milliseconds clock of the circuit breakers (default `Date.now`). */
  now?: () => number;
  /** Wait between retries (default a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Per-attempt shard timeouts (default a real timer). */
  shardTimer?: ShardTimer;
  /** Business clock for token checks and identity headers (default from `config.clock`). */
  clock?: Clock;
  /** Told of every GraphQL request (main.ts: the collection at rest, startup-gc.ts). */
  onRequest?: () => void;
}

export interface RunningGateway {
  url: string;
  port: number;
  config: GatewayConfig;
  metrics: GatewayMetrics;
  shards: ReadonlyMap<string, ShardClient>;
  /** Re-checks every shard (reachability and schema) as `/readyz` does. */
  checkShards(): Promise<ShardHealth[]>;
  /** Graceful shutdown: stop accepting, finish in-flight requests, close keep-alive connections. */
  close(): Promise<void>;
}

/** Builds, checks and starts a gateway.
 * @throws {MissingRouteError} when a province root field or entity has no route. */
export async function createGateway(input: GatewayConfigInput, deps: GatewayDeps = {}): Promise<RunningGateway> {
  const config = configSchema.parse(input);
  const clock = deps.clock ?? clockFromConfig(config.clock);
  const logger = deps.logger ?? pino({ level: config.logLevel, base: { service: "gateway" } });
  const supergraphSdl = config.supergraphSdl ?? readFileSync(config.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH, "utf8");
  const province = provinceSubgraphOf(supergraphSdl);
  checkRoutes(province);

  const metrics = new GatewayMetrics();
  const keepAlive = createKeepAliveFetcher();
  const shards = buildShards(config, { keepAlive, metrics, logger, now: deps.now, sleep: deps.sleep, timer: deps.shardTimer });
  // One check at a time: load balancers poll /readyz from many places, and each check asks every shard.
  /** The one place the gateway mints its composer credential (shard SDL for the drift check). */
  const composerToken = async () => `Bearer ${await signServiceToken(COMPOSE_AUDIENCE, config.keys.signer, clock.now())}`;
  let inFlight: Promise<ShardHealth[]> | undefined;
  const recheck = () =>
    (inFlight ??= checkShards(shards, province, keepAlive.fetcher, config.shardTimeoutMs, composerToken).finally(() => (inFlight = undefined)));
  for (const health of await recheck()) if (health.status !== "ok") logger.warn(health, "shard not ready at startup");

  const router = new ProvinceDataSource({ shards });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      if (name === PROVINCE_SUBGRAPH) return router;
      if (name !== PLATFORM_SUBGRAPH) throw new Error(`the supergraph names a subgraph "${name}" this gateway has no route for`);
      const source = new PlatformDataSource({ url: config.platformUrl, keepAlive });
      source.timeoutMs = config.platformTimeoutMs;
      source.tracing = config.subgraphTracing;
      return source;
    },
  });
  // Tokens, selections, depth and aliases are bounded before validation (service-kit's document guard,
  // the same in every subgraph); cost needs the schema's list types and stays a validation rule.
  const guard = documentGuard(config.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Our own rule refuses introspection with INTROSPECTION_DISABLED; Apollo's switch stays on so the
    // code the client sees is ours.
    introspection: true,
    parseOptions: guard.parseOptions,
    validationRules: [guard.validationRule, limitRules(config.limits), ...(introspectionOn(config) ? [] : [noIntrospection])],
    formatError: errorFormatter(),
    // Stack traces belong in the log, never in a response, whatever NODE_ENV says.
    includeStacktraceInErrorResponses: false,
    // No cache-control plugin: no field has a @cacheControl hint and no answer is cacheable (issue 11).
    plugins: [guard.plugin, requestPlugin(metrics, logger, deps.onRequest), ApolloServerPluginCacheControlDisabled()],
    logger: { debug: () => {}, info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();

  // One identity header per identity for a few seconds, not one per request (issue 12): signed once here,
  // verified once by each subgraph process. The request ID travels in x-request-id.
  const identityHeaderOf = identityHeaders(config.keys.signer);
  const context = async (req: HttpRequest): Promise<GatewayContext> => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    const language = req.headers["accept-language"];
    const lang = languageOf(typeof language === "string" ? language : undefined);
    const now = clock.now();
    const identity = await authenticate(req.headers, { directory: config.keys.directory, apiKeys: config.apiKeys, lang, now }).catch(
      (err: unknown) => {
        // A refused credential ends the request before any plugin runs: echo the request ID, count and
        // log the refusal here, as the request plugin does for every other answer.
        if (!(err instanceof GraphQLError) || err.extensions["code"] !== "UNAUTHENTICATED") throw err;
        metrics.errors.inc({ code: "UNAUTHENTICATED" });
        logger.info({ requestId, outcome: "refused", codes: ["UNAUTHENTICATED"], reason: err.extensions["reason"] }, "graphql request");
        throw new GraphQLError(err.message, {
          extensions: { ...err.extensions, http: { status: 401, headers: new Map([[REQUEST_ID_HEADER, requestId]]) } },
        });
      },
    );
    return {
      requestId,
      operationKey: randomUUID(),
      identity,
      lang,
      // Every request carries the edge's signed identity, an anonymous client's too: subgraphs refuse a request without one (issue 10 §4).
      identityHeader: await identityHeaderOf(identity ?? { kind: "ANONYMOUS" }, now),
      ...(typeof language === "string" ? { acceptLanguage: language } : {}),
    };
  };
  const ideRoutes: Route[] = ideOn(config)
    ? [
        ...["/", "/ide"].map((path): Route => ({
          method: "GET",
          path,
          handler: () => ({ status: 200, text: idePage({ presets: config.idePresetHeaders }), headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } }),
        })),
        ...IDE_ASSET_FILES.map((file): Route => ({
          method: "GET",
          path: `/ide/assets/${file}`,
          handler: async () => {
            const asset = (await ideAssets()).get(file);
            if (!asset) return { status: 404, json: { error: "not found" } };
            return { status: 200, body: asset.body, headers: { "content-type": asset.type, "cache-control": "max-age=3600" } };
          },
        })),
      ]
    : [];
  const http = await startHttpServer<GatewayContext>({
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    onError: (err, req) => logger.error({ err, path: req.path }, "route failed"),
    graphql: {
      server: apollo,
      context,
      preprocess: trustedDocuments({
        mode: config.trustedDocuments,
        manifest: loadManifest(config.trustedDocumentsPath),
        logger,
        language: (req) => languageOf(typeof req.headers["accept-language"] === "string" ? req.headers["accept-language"] : undefined),
        onRefused: () => metrics.errors.inc({ code: "OPERATION_NOT_TRUSTED" }),
      }),
      responseStatus: graphqlOverHttpStatus,
    },
    routes: [
      // Only a `service` of the directory (launcher, simulator) reads or moves the clock, checked on the wall clock (issue 10 §6).
      ...clockRoutes(clock, (req) =>
        isServiceCaller(req.headers, { directory: config.keys.directory, audience: config.keys.signer.service, roles: ["service"], now: new Date() }),
      ),
      ...operationsRoutes(recheck, metrics),
      jwksRoute(config.keys.directory, config.keys.signer.service),
      ...ideRoutes,
    ],
  });
  logger.info({ url: http.url, shards: Object.keys(config.shards) }, "gateway listening");

  return {
    url: http.url,
    port: http.port,
    config,
    metrics,
    shards,
    checkShards: recheck,
    close: async () => {
      await http.close();
      await apollo.stop();
      await keepAlive.close();
      logger.info("gateway stopped");
    },
  };
}
