/**
 * One Apollo Server plugin for what every request needs at the edge: the request ID echoed in
 * `x-request-id`, the request histogram and error counters, and one structured log line per request;
 * `onRequest` is told of every request (the gateway's collection at rest, `startup-gc.ts`).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { messageFor, type Lang } from "@jg/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import type { GatewayContext } from "./context";
import { REQUEST_ID_HEADER } from "./forward-headers";
import type { GatewayMetrics } from "./metrics";

export function requestPlugin(metrics: GatewayMetrics, logger: Logger, onRequest?: () => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      onRequest?.();
      return {
        async willSendResponse({ response, operation, operationName, contextValue: ctx }) {
          response.http.headers.set(REQUEST_ID_HEADER, ctx.requestId);
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          if (body?.errors) body.errors = body.errors.map((e) => localise(e, ctx.lang));
          const errors = body?.errors ?? [];
          const codes = errors.map((e) => String(e.extensions?.["code"] ?? "INTERNAL_SERVER_ERROR"));
          for (const code of codes) metrics.errors.inc({ code });
          const outcome = errors.length === 0 ? "ok" : body?.data ? "partial" : "error";
          const seconds = (performance.now() - started) / 1000;
          const operationType = operation?.operation ?? "unknown";
          metrics.requests.observe({ operation_type: operationType, outcome }, seconds);
          logger.info(
            { requestId: contextValue.requestId, operationName, operationType, outcome, ms: Math.round(seconds * 1000), codes, who: ctx.identity?.kind ?? "anonymous" },
            "graphql request",
          );
        },
      };
    },
  };
}

/** The gateway's own refusals, raised where the request's language is not at hand (validation rules). */
const EDGE_CODES = new Set([
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "QUERY_TOO_COMPLEX",
  "INTROSPECTION_DISABLED",
  "DOCUMENT_TOO_LARGE",
  "TOO_MANY_SELECTIONS",
  "UNKNOWN_OPERATION",
] as const);
type EdgeCode = typeof EDGE_CODES extends Set<infer C> ? C : never;

function localise(error: GraphQLFormattedError, lang: Lang): GraphQLFormattedError {
  const code = error.extensions?.["code"];
  if (typeof code !== "string" || !EDGE_CODES.has(code as EdgeCode)) return error;
  const params = Object.fromEntries(
    Object.entries(error.extensions ?? {}).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number"),
  );
  return { ...error, message: messageFor(code as EdgeCode, lang, params) };
}
