/**
 * The response shape a data source returns to the query plan, and the errors the router adds to it.
 * Router errors carry a catalogue code (`@jg/errors`) in `extensions.code` and the province concerned,
 * and sit at the path of the item they fail, so the gateway maps them onto the client's response.
 */
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { echoedParams, messageFor, type FaultCode, type Lang, type MessageParams } from "@jg/errors";

/** What `GraphQLDataSource.process` resolves to. */
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;
/** One error of a subgraph response. */
export type SubgraphError = NonNullable<SubgraphResponse["errors"]>[number];
/** A response path as a subgraph reports it. */
export type ErrorPath = ReadonlyArray<string | number>;

/**
 * Builds a router error with its catalogue message in `lang` (default English). The parameters go into
 * `extensions` too, capped like the message (`echoedParams`, issue #10 §6), and never replace the
 * catalogue's `code` (a parameter named `code`, such as INVALID_PROVINCE_CODE's, stays in the message).
 */
export function routerError(
  code: FaultCode,
  path: ErrorPath | undefined,
  params: MessageParams = {},
  extensions: Record<string, unknown> = {},
  lang: Lang = "en",
): SubgraphError {
  return {
    message: messageFor(code, lang, params),
    ...(path ? { path: [...path] } : {}),
    extensions: { ...echoedParams(params), ...extensions, code },
  };
}
