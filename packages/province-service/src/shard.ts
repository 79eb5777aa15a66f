/**
 * One running province shard (docs/design.md §3): database (PGlite or PostgreSQL, migrated at open), the
 * subgraph schema, the HTTP host (`/graphql`, `/healthz`, `/readyz`, `/internal/tick`, and in development
 * `/internal/faults`), the outbox relay to the home platform and the revert sweeper (which catches up at
 * start). subgraphs/other-province runs it for any province code; subgraphs/chongqing runs it for 50.
 */
// type-graphql needs the Reflect metadata API before any decorated class loads: keep this import first.
import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { createHomePlatformClient, HOME_PLATFORM_SERVICE, OutboxRelay, provinceServiceName, serviceTokens, type HomePlatformClient } from "@jg/handoff";
import { assertListed } from "@jg/identity";
import { provinceByCode, withProvinceOverrides } from "@jg/provinces";
import {
  clockFromConfig,
  composerOnlyPlugin,
  createInternalClient,
  documentGuard,
  errorFormatter,
  startHttpServer,
  SUBGRAPH_DOCUMENT_LIMITS,
  VirtualClock,
  type Clock,
  type Database,
} from "@jg/service-kit";
import { pino, type Logger } from "pino";
import { createHttpViewerAccess, type ViewerAccess } from "./access/viewer-access";
import { parseProvinceShardConfig, type ProvinceShardConfigInput } from "./config";
import { createContext, type ShardContext } from "./context";
import { ShardFaults } from "./fault-injection";
import { openProvinceDatabase, type ProvinceDb, type ProvinceSchema } from "./db/database";
import { HandlingService } from "./handling/handling.service";
import { shardRoutes } from "./http-routes";
import { PaymentService } from "./payment/payment.service";
import { ProvinceService } from "./province/province.service";
import { provinceWindow } from "./province/window";
import { RevertSweeper } from "./revert/revert.sweeper";
import { buildProvinceSchema } from "./schema";
import { type ShardServices } from "./services";
import { ViolationService } from "./violation/violation.service";
import { ViolationBatchService } from "./violation/violation-batch.service";
import { ReconciliationService } from "./reconciliation/reconciliation.service";

/** Replaceable collaborators; each defaults to the production one built from the config. */
export interface ProvinceShardDeps {
  /** Default the system clock. */
  clock?: Clock;
  /** Default the HTTP client of the home platform's internal API (config.homePlatformUrl). */
  homePlatform?: HomePlatformClient;
  /** Default the HTTP client of the home platform's access check. */
  viewerAccess?: ViewerAccess;
  /** Default a pino JSON logger at config.logLevel. */
  logger?: Logger;
}

export interface ProvinceShard {
  url: string;
  port: number;
  provinceCode: string;
  db: ProvinceDb;
  /** The database handle with its SQL statement counter (`database.queries`). */
  database: Database<ProvinceSchema>;
  relay: OutboxRelay<ProvinceSchema>;
  sweeper: RevertSweeper;
  close(): Promise<void>;
}

/**
 * The subgraph schema is the same for every shard and holds no shard state (resolvers read the
 * request's context): built once per process, so a shard host's shards share it (issue 12).
 */
let sharedSchema: ReturnType<typeof buildProvinceSchema> | undefined;
function provinceSchema(): ReturnType<typeof buildProvinceSchema> {
  sharedSchema ??= buildProvinceSchema().catch((err: unknown) => {
    sharedSchema = undefined;
    throw err;
  });
  return sharedSchema;
}

/** Starts a shard; resolves once it listens and the revert sweeper has caught up. */
export async function createProvinceShard(input: ProvinceShardConfigInput, deps: ProvinceShardDeps = {}): Promise<ProvinceShard> {
  const config = parseProvinceShardConfig(input);
  const clock = deps.clock ?? clockFromConfig(config.clock);
  const service = provinceServiceName(config.provinceCode);
  const { signer, directory } = config.keys;
  if (signer.service !== service) throw new Error(`the signing key of ${service} is configured as ${signer.service}'s`);
  assertListed(config.keys);
  const logger = deps.logger ?? pino({ name: service, level: config.logLevel });
  const database = await openProvinceDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const db = database.db;
  // The shard's calls to the home platform go through one internal HTTP client (service-kit) that signs
  // as this shard; its tokens come from @jg/handoff's serviceTokens (one per audience, reused for half its lifetime).
  const internal = createInternalClient({ token: serviceTokens(signer, clock), timeoutMs: config.homeTimeoutMs });
  const homePlatform =
    deps.homePlatform ?? createHomePlatformClient({ baseUrl: config.homePlatformUrl, client: internal, timeoutMs: config.homeTimeoutMs });
  const viewerAccess =
    deps.viewerAccess ??
    createHttpViewerAccess({ baseUrl: config.homePlatformUrl, client: internal, audience: HOME_PLATFORM_SERVICE, timeoutMs: config.homeTimeoutMs });

  // The catalogue's province with this deployment's overrides: the business notice names the configured window.
  const [catalogue] = withProvinceOverrides([provinceByCode(config.provinceCode)!], {
    [config.provinceCode]: { platformOpen: config.platformOpen, maintenance: config.maintenanceWindow },
  });
  const provinces = new ProvinceService(db, config.provinceCode, clock, provinceWindow(config.provinceCode, config.maintenanceWindow), catalogue);
  await provinces.seed(config.platformOpen);
  // Development only (virtual clock or the `faults` option): a slow shard, lost handoff messages.
  const faults = clock instanceof VirtualClock || config.faults ? new ShardFaults() : undefined;
  const relay = new OutboxRelay<ProvinceSchema>({
    db,
    destinations: { [HOME_PLATFORM_SERVICE]: { url: config.homePlatformUrl } },
    signer,
    clock,
    deliveryDelayMs: config.deliveryDelayMs,
    pollIntervalMs: config.relayIntervalMs,
    messagesPerRequest: config.relayMessagesPerRequest,
    batchSize: Math.max(100, config.relayMessagesPerRequest * config.relayRequestsInFlight),
    logger,
    ...(faults ? { lossInTransit: faults.lossInTransit } : {}),
  });
  // A commit that wrote handoff messages wakes the relay (when it polls) instead of waiting its interval
  // (issue 18 for camera batches; a single recording, a handling, a payment and their reverts too). A
  // recording, a handling and a payment also hand the relay the rows their insert leased (claim on
  // enqueue, issue 12: no claim statement for them); the services take the relay for that.
  const wakeRelay = () => relay.wake();
  const violations = new ViolationService(db, config.provinceCode, clock, relay);
  const services: ShardServices = {
    config,
    clock,
    db,
    logger,
    homePlatform,
    viewerAccess,
    provinces,
    violations,
    violationBatches: new ViolationBatchService(db, config.provinceCode, clock, violations, {
      lagLimitMs: config.batchOutboxLagLimitMs,
      retryAfterSeconds: config.batchRetryAfterSeconds,
      deliveryDelayMs: config.deliveryDelayMs,
      onCommitted: wakeRelay,
    }),
    reconciliations: new ReconciliationService(db, config.provinceCode, clock, provinces.window.daily, config.collectingBankId),
    handling: new HandlingService(db, config.provinceCode, clock, homePlatform, provinces, logger, relay),
    payments: new PaymentService(db, config.provinceCode, clock, provinces.window.daily, relay),
  };

  // Documents are bounded before validation, with limits any plan of a document the gateway accepts passes.
  const guard = documentGuard(SUBGRAPH_DOCUMENT_LIMITS);
  const apollo = new ApolloServer<ShardContext>({
    schema: await provinceSchema(),
    includeStacktraceInErrorResponses: false,
    parseOptions: guard.parseOptions,
    validationRules: [guard.validationRule],
    // No federated tracing: usage reporting is off (APOLLO_TELEMETRY_DISABLED) and traces cost time.
    // No cache-control plugin: no field has a @cacheControl hint, and its willResolveField hook wraps
    // every resolver of every request (issue 11).
    plugins: [
      guard.plugin,
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      composerOnlyPlugin<ShardContext>(),
      ...(faults ? [{ requestDidStart: () => faults.delay() }] : []),
    ],
    formatError: errorFormatter(logger),
  });
  await apollo.start();

  const sweeper = new RevertSweeper(db, config.provinceCode, clock, logger, config.sweepIntervalMs, wakeRelay);
  await sweeper.start(); // catches up on handlings that fell due while the shard was down (R-PAY-1)
  if (config.relayIntervalMs > 0) relay.start();

  const http = await startHttpServer<ShardContext>({
    port: config.port,
    host: config.host,
    routes: shardRoutes({ db, clock, relay, sweeper, directory, service, faults }),
    graphql: { path: "/graphql", server: apollo, context: (req) => createContext(services, req) },
    onError: (err, req) => logger.error({ err, path: req.path }, "route failed"),
  });
  logger.info({ url: http.url, province: config.provinceCode, engine: database.engine }, "province shard listening");

  return {
    url: http.url,
    port: http.port,
    provinceCode: config.provinceCode,
    db,
    database,
    relay,
    sweeper,
    async close() {
      await sweeper.stop();
      // Requests first: a handling or payment in flight commits and hands its leased rows over before the
      // relay's last round, rather than leaving them leased until the lease expires.
      await http.close();
      await relay.stop();
      await apollo.stop();
      await database.close();
      await internal.close();
    },
  };
}
