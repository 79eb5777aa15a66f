export { type Clock, systemClock, VirtualClock } from "./clock";
export { openDatabase, QueryCounter, sqlStatementCounts, type Database, type Db, type OpenDatabaseOptions } from "./db";
export { enablePgliteTemplates } from "./pglite-runtime";
export { isReadyMessage, portOf, READY_MESSAGE_KIND, reportReady, type ReadyMessage } from "./ready-message";
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
