import type { Lang } from "@jg/errors";
import { faultMiddlewareFor } from "@jg/province-service/graphql";
import type { Logger } from "pino";

/**
 * Global middleware: every resolver's error leaves through `toGraphQLError`, the one mapping both
 * subgraphs use (`@jg/province-service/graphql`); the platform's logger is the context's `deps.log`.
 */
export const faultMiddleware = faultMiddlewareFor<{ lang: Lang; deps: { log: Logger } }>((context) => context.deps.log);
