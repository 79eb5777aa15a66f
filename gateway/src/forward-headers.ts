/**
 * The headers every subgraph request carries: the signed identity, the request ID, and the client's
 * language. Nothing else from the client is forwarded, in particular never its own `x-jg-identity`; the
 * standalone router alone passes on a fronting router's forwarded bearer token (issue 13).
 */
import { IDENTITY_HEADER } from "@jg/identity";
import type { GatewayContext } from "./context";

/** Header that carries the request ID, in and out. */
export const REQUEST_ID_HEADER = "x-request-id";

/** Anything with a fetch-like `set` (node-fetch Headers in Apollo's data sources). */
interface SettableHeaders {
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** The header by which Apollo asks a subgraph for an inline (ftv1) trace. */
const TRACE_HEADER = "apollo-federation-include-trace";

/**
 * Sets the forwarded headers from a gateway context (a context of another shape forwards nothing), and
 * drops the inline-trace request unless `tracing` is on: subgraph tracing costs, so it is asked for.
 */
export function forwardHeaders(headers: SettableHeaders | undefined, context: Partial<GatewayContext> | undefined, tracing = false): void {
  if (!headers) return;
  if (!tracing) headers.delete(TRACE_HEADER);
  if (!context) return;
  if (context.identityHeader) headers.set(IDENTITY_HEADER, context.identityHeader);
  if (context.forwardedAuthorization) headers.set("authorization", context.forwardedAuthorization);
  if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
  if (context.acceptLanguage) headers.set("accept-language", context.acceptLanguage);
}
