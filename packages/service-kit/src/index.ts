export { type Clock, systemClock, VirtualClock } from "./clock";
export { openDatabase, QueryCounter, sqlStatementCounts, type Database, type Db, type OpenDatabaseOptions } from "./db";
export { enablePgliteTemplates } from "./pglite-runtime";
export { jsonInsert, jsonUpdate } from "./json-insert";
export { rowsOf } from "./rows";
export { inKeys, inTransaction, isNestedTransaction, placeholdersFor, preparedInTransaction, preparedOnce, preparedSql, textArray, typedPlaceholder, type PreparedSql } from "./prepared-reads";
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
// The subgraphs' schema builder (type-graphql, @apollo/subgraph) is `@jg/service-kit/subgraph-schema`, so
// that a service importing this index without building a subgraph (the gateway) does not load them.
export { envBool, EnvError, envInt, envJson, envString, type Env } from "./env";
export { composerOnlyPlugin, composerVerdict, type ComposerVerdict } from "./composer-only";
export { documentGuard, documentLimitError, graphqlErrorBody, type DocumentGuard } from "./document-limits";
export { errorFormatter } from "./format-error";
export { backoffDelay, type BackoffOptions } from "./backoff";
export { IdlePoller } from "./idle-poller";
export {
  DOCUMENT_LIMIT_CODES,
  EDGE_DOCUMENT_LIMITS,
  measureDocument,
  SUBGRAPH_DOCUMENT_LIMITS,
  type DocumentLimits,
  type DocumentRefusal,
} from "./document-measure";
export {
  authorizationOf,
  createInternalClient,
  InternalCallError,
  type InternalAnswer,
  type InternalClient,
  type InternalClientOptions,
} from "./internal-http";
