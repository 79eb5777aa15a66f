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
export { asksForSchema, composerOnlyPlugin } from "./composer-only";
export { documentGuard, documentLimitError, graphqlErrorBody, restoreLimitCode, type DocumentGuard } from "./document-limits";
export {
  DOCUMENT_LIMIT_CODES,
  EDGE_DOCUMENT_LIMITS,
  measureDocument,
  SUBGRAPH_DOCUMENT_LIMITS,
  type DocumentLimits,
  type DocumentRefusal,
} from "./document-measure";
export {
  cachedToken,
  createInternalClient,
  InternalCallError,
  type InternalAnswer,
  type InternalClient,
  type InternalClientOptions,
} from "./internal-http";
