import { type ShardContext } from "../context";
import { faultMiddlewareFor } from "./errors";

/** Global resolver middleware: every thrown error leaves as a catalogued GraphQL error (see toGraphQLError). */
export const faultMiddleware = faultMiddlewareFor<ShardContext>((context) => context.services.logger);
