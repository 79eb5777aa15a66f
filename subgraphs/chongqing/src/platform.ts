/**
 * The Chongqing service assembled from its parts, without side effects until called (the one assembly
 * file, as province-service's shard.ts): `createPlatform` builds the `platform` subgraph schema on
 * Apollo Server, the per-request context and the internal API routes (docs/design.md §4) on one HTTP
 * host; `startChongqing` opens the database, starts the platform and Chongqing's own province shard 50
 * from @jg/province-service, pointed at this platform. `main.ts` (the process, system clock), the
 * simulator (virtual clock) and the tests share it.
 */
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { createProvinceShard, type ProvinceShard } from "@jg/province-service";
import { accessStatements, jwksRoute } from "@jg/identity";
import {
  composerOnlyPlugin,
  documentGuard,
  errorFormatter,
  startHttpServer,
  SUBGRAPH_DOCUMENT_LIMITS,
  type Clock,
  type Route,
  type RunningHttpServer,
} from "@jg/service-kit";
import type { PolicyTable } from "@jg/rules";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { citizenServices, type CitizenAdapters } from "./adapters/citizen-services";
import { requestBodyLimit } from "./adapters/settings";
import { policyTableOf, type PlatformConfig } from "./config";
import { createContext, type PlatformContext } from "./context";
import { queryOnlyOperationKeys } from "./accounts/operation-viewers";
import { openPlatformDatabase, type PlatformDatabase, type PlatformDb } from "./db/database";
import type { PlatformDeps } from "./deps";
import { internalRoutes } from "./handoff/internal-routes";
import { buildPlatformSchema } from "./schema";
import { HOME_PROVINCE_CODE } from "@jg/provinces";
import { createWebhookRelay } from "./webhooks/webhook.module";
import type { WebhookRelay } from "./webhooks/relay";

export interface CreatePlatformInput {
  config: PlatformConfig;
  db: PlatformDb;
  clock: Clock;
  log: Logger;
  /** Policy periods (R-ELG-2, R-ELG-3E); default the configuration's (`policyPeriods`), else the table of @jg/rules. */
  policyTable?: PolicyTable;
  /** Real SMS / face adapters; default the development ones (refusing ones in production; production refuses development ones). */
  adapters?: CitizenAdapters;
}

export interface Platform {
  deps: PlatformDeps;
  schema: GraphQLSchema;
  apollo: ApolloServer<PlatformContext>;
  routes: Route[];
  /** Sends partners' webhook deliveries (issue 18); null when config.webhooks.relay is off. */
  webhooks: WebhookRelay | null;
  /** Starts the HTTP host on config.host:config.port, then the webhook relay. */
  listen(): Promise<RunningHttpServer>;
  /** Stops the webhook relay and Apollo (the caller closes the host it got from listen, and the database). */
  stop(): Promise<void>;
}

/** Builds the platform: schema, Apollo Server (started), routes. */
export async function createPlatform(input: CreatePlatformInput): Promise<Platform> {
  const { config, log } = input;
  const deps: PlatformDeps = {
    db: input.db,
    clock: input.clock,
    log,
    citizen: citizenServices(config, input.adapters, log),
    policyTable: input.policyTable ?? policyTableOf(config),
    accessStatements: accessStatements(config.keys.signer),
  };
  const schema = await buildPlatformSchema();
  // Documents are bounded before validation, with limits any plan of a document the gateway accepts passes.
  const guard = documentGuard(SUBGRAPH_DOCUMENT_LIMITS);
  const apollo = new ApolloServer<PlatformContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    parseOptions: guard.parseOptions,
    validationRules: [guard.validationRule],
    // Introspection and _service only for the composer's credential (issue 10 §4). No federated
    // tracing (usage reporting is off) and no cache-control plugin: no field has a @cacheControl hint,
    // and its willResolveField hook wraps every resolver of every request (issue 11).
    // Only a query's requests share the operation's viewer (accounts/operation-viewers.ts).
    plugins: [guard.plugin, composerOnlyPlugin<PlatformContext>(), queryOnlyOperationKeys<PlatformContext>(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: errorFormatter(log),
  });
  await apollo.start();
  const routes: Route[] = [
    { method: "GET", path: "/healthz", handler: () => ({ status: 200, json: { ok: true, pid: process.pid } }) },
    ...internalRoutes(deps, { directory: config.keys.directory, production: config.production }),
    jwksRoute(config.keys.directory, config.keys.signer.service),
  ];
  const webhooks = createWebhookRelay(deps, config);
  deps.webhooksWritten = () => webhooks?.nudge();
  return {
    deps,
    schema,
    apollo,
    routes,
    webhooks,
    listen: async () => {
      const host = await startHttpServer<PlatformContext>({
        port: config.port,
        host: config.host,
        routes,
        // Feedback screenshots (R-FBK-1) travel base64 in the GraphQL body.
        maxBodyBytes: requestBodyLimit(config.citizen),
        graphql: { path: "/graphql", server: apollo, context: (req) => createContext(deps, config.keys.directory, req) },
        onError: (err, req) => log.error({ err, path: req.path }, "route failed"),
      });
      webhooks?.start();
      return host;
    },
    stop: async () => {
      await webhooks?.stop();
      await apollo.stop();
    },
  };
}

export interface StartChongqingInput {
  config: PlatformConfig;
  clock: Clock;
  log: Logger;
  /** Policy periods (R-ELG-2, R-ELG-3E); default the table of @jg/rules. */
  policyTable?: PolicyTable;
}

export interface RunningChongqing {
  /** Base URL of the platform subgraph (`/graphql`) and its internal API. */
  url: string;
  database: PlatformDatabase;
  platform: Platform;
  /** Shard 50, or null when `config.shard50.enabled` is false. */
  shard: ProvinceShard | null;
  /** Stops the shard, then the platform, then closes the database. */
  close(): Promise<void>;
}

/** Starts the platform and (unless disabled) shard 50; resolves once both listen. */
export async function startChongqing(input: StartChongqingInput): Promise<RunningChongqing> {
  const { config, clock, log } = input;
  const database = await openPlatformDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const platform = await createPlatform({ config, db: database.db, clock, log, ...(input.policyTable ? { policyTable: input.policyTable } : {}) });
  const host = await platform.listen();
  log.info({ url: host.url, engine: database.engine }, "platform subgraph listening");
  const shard = config.shard50.enabled
    ? await createProvinceShard(
        {
          provinceCode: HOME_PROVINCE_CODE,
          port: config.shard50.port,
          host: config.host,
          databaseUrl: config.shard50.databaseUrl,
          dataDir: config.shard50.dataDir,
          homePlatformUrl: host.url,
          keys: config.shard50.keys,
          deliveryDelayMs: config.shard50.deliveryDelayMs,
          relayIntervalMs: config.shard50.relayIntervalMs,
          faults: config.shard50.faults,
          logLevel: config.logLevel,
        },
        { clock, logger: log.child({ shard: HOME_PROVINCE_CODE }) },
      )
    : null;
  return {
    url: host.url,
    database,
    platform,
    shard,
    async close() {
      await shard?.close();
      await host.close();
      await platform.stop();
      await database.close();
    },
  };
}
