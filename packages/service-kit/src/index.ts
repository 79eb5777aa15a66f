export { type Clock, systemClock, VirtualClock } from "./clock";
export { openDatabase, QueryCounter, sqlStatementCounts, type Database, type Db, type OpenDatabaseOptions } from "./db";
export { enablePgliteTemplates } from "./pglite-runtime";
export {
  startHttpServer,
  type GraphQLMount,
  type HttpRequest,
  type HttpResponse,
  type Route,
  type RunningHttpServer,
  type StartHttpServerOptions,
} from "./http";
export { CLOCK_PATH, clockConfigSchema, clockFromConfig, clockRoutes, type ClockConfig } from "./clock-routes";
export { isProductionEnv } from "./production";
export { buildFederatedSchema, printFederatedSchema, type ReferenceResolver, type SubgraphSchemaInput } from "./subgraph-schema";
export { envBool, EnvError, envInt, envJson, envString, type Env } from "./env";
export { asksForSchema, composerOnlyPlugin } from "./composer-only";
export {
  DOCUMENT_LIMIT_CODES,
  documentGuard,
  documentLimitError,
  EDGE_DOCUMENT_LIMITS,
  graphqlErrorBody,
  measureDocument,
  restoreLimitCode,
  SUBGRAPH_DOCUMENT_LIMITS,
  type DocumentGuard,
  type DocumentLimits,
  type DocumentRefusal,
} from "./document-limits";
export {
  cachedToken,
  createInternalClient,
  InternalCallError,
  type InternalAnswer,
  type InternalClient,
  type InternalClientOptions,
} from "./internal-http";
