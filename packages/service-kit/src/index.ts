export { type Clock, systemClock, VirtualClock } from "./clock";
export { openDatabase, QueryCounter, sqlStatementCounts, type Database, type Db, type OpenDatabaseOptions } from "./db";
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
export {
  authorizationOf,
  cachedToken,
  createInternalClient,
  InternalCallError,
  serviceCallerCheck,
  type ServiceCallerCheckOptions,
  type InternalAnswer,
  type InternalClient,
  type InternalClientOptions,
} from "./internal-http";
