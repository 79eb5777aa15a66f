/**
 * The per-request context the gateway hands to Apollo and, through the query plan, to every data
 * source. The identity is verified once at the edge and its header signed once per identity for a few
 * seconds (identityHeaders of @jg/identity); subgraphs trust it only through that signature (docs/design.md §8).
 */
import type { Lang } from "@jg/errors";
import type { Identity } from "@jg/identity";

export interface GatewayContext {
  /** The request ID (from `x-request-id` when the client sent a sane one, else generated). */
  readonly requestId: string;
  /**
   * This operation's own random key (never the client's), sent to the platform with each request of a
   * query's plan (`x-jg-operation`, platform-data-source.ts) so it reads the viewer once per operation.
   * Absent in the standalone province router, which reaches no platform.
   */
  readonly operationKey?: string;
  /** Who is calling; null for an anonymous request. */
  readonly identity: Identity | null;
  /** The signed `x-jg-identity` value for the subgraphs; absent for an anonymous request. */
  readonly identityHeader?: string;
  /**
   * The standalone router only (issue 13): the caller's bearer access token a fronting router forwarded
   * instead of an identity header, passed on to the shards as it came. Our gateway never sets it.
   */
  readonly forwardedAuthorization?: string;
  /** The language of the gateway's own messages (from `accept-language`; default zh). */
  readonly lang: Lang;
  /** The client's `accept-language`, forwarded so subgraphs localise denials (docs/design.md §7). */
  readonly acceptLanguage?: string;
}
