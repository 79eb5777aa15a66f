export { type Clock, systemClock, VirtualClock } from "./clock";
export { openDatabase, QueryCounter, type Database, type Db, type OpenDatabaseOptions } from "./db";
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
