/**
 * The province side of the home platform's internal API (docs/design.md §4 step 2).
 *
 * Nothing is retried here: authorize reserves points, and whether to try again is the caller's
 * decision. The home platform MUST make authorize idempotent on `handlingId` (a repeated request for
 * the same handling answers the same reservation, never a second one) and release idempotent too
 * (releasing an already released handling succeeds; releasing one with no reservation yet voids it, and
 * authorize then answers voided), so a caller that lost an authorize answer releases the handling at
 * once and asks again under a new handling ID (docs/design.md §4, ambiguous authorize).
 */
import { AppFault, parsedInput } from "@jg/errors";
import { reusedTokens, SERVICE_TOKEN_TTL_SECONDS, signServiceToken, type ServiceSigner } from "@jg/identity";
import { createInternalClient, systemClock, type Clock, type InternalClient } from "@jg/service-kit";
import type { Dispatcher } from "undici";
import type { z } from "zod";
import {
  AUTHORIZE_PATH,
  authorizeRequestSchema,
  authorizeResponseSchema,
  HOME_PLATFORM_SERVICE,
  RELEASE_PATH,
  releaseRequestSchema,
  type AuthorizeRequest,
  type AuthorizeResponse,
  type ReleaseRequest,
} from "./contract";

export interface HomePlatformClient {
  /** Asks the home platform to authorize the driver and reserve the points (R-ELG-6, R-SYNC-1). */
  authorize(req: AuthorizeRequest): Promise<AuthorizeResponse>;
  /** Gives back the reservation of a handling that failed after authorize, or voids its ID when none was made. Idempotent. */
  release(req: ReleaseRequest): Promise<void>;
}

export type HomePlatformClientOptions = {
  /** Base URL of the home platform, e.g. "http://127.0.0.1:4001". */
  baseUrl: string;
  /** Token audience; default {@link HOME_PLATFORM_SERVICE}. */
  audience?: string;
  /** Per-request timeout for headers and body, in ms; default 5000. */
  timeoutMs?: number;
} & (
  | {
      /** The caller's internal HTTP client (service-kit), which signs as the caller. */
      client: InternalClient;
    }
  | {
      /** This service's own key (e.g. province-51's): its service tokens name it as the caller. */
      signer: ServiceSigner;
      /** Clock for token issue time; default the system clock (pass the simulator's virtual clock). */
      clock?: Clock;
      /** undici dispatcher; default a keep-alive Agent owned by this client. */
      dispatcher?: Dispatcher;
    }
);

/**
 * Service tokens signed by `signer` on `clock`, one per audience reused for half its lifetime
 * (@jg/identity's `reusedTokens`): the token source of this client and of an outbox relay's client.
 */
export function serviceTokens(signer: ServiceSigner, clock: Clock = systemClock): (audience: string) => Promise<string> {
  const tokens = reusedTokens((audience: string, now) => signServiceToken(audience, signer, now), { ttlSeconds: SERVICE_TOKEN_TTL_SECONDS });
  return (audience) => tokens(audience, clock.now());
}

/** Validates what we are about to send: a malformed request is the caller's bug, not an outage. */
function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  return parsedInput(schema, value, { subject: "request" });
}

/** Creates the client. Any network error, timeout, non-2xx answer or malformed body throws
 * HOME_PLATFORM_UNAVAILABLE: the province cannot know the driver's state, so it must not proceed. */
export function createHomePlatformClient(
  options: HomePlatformClientOptions,
): HomePlatformClient & { close(): Promise<void> } {
  const timeout = options.timeoutMs ?? 5_000;
  const audience = options.audience ?? HOME_PLATFORM_SERVICE;
  const own =
    "client" in options
      ? undefined
      : createInternalClient({
          token: serviceTokens(options.signer, options.clock),
          timeoutMs: timeout,
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        });
  const client = "client" in options ? options.client : (own as InternalClient);

  async function post(path: string, body: unknown): Promise<unknown> {
    try {
      return await client.postOk(options.baseUrl, path, audience, body, { timeoutMs: timeout });
    } catch (err) {
      throw new AppFault("HOME_PLATFORM_UNAVAILABLE", { cause: err, details: { path } });
    }
  }

  return {
    async authorize(req) {
      const answer = await post(AUTHORIZE_PATH, checked(authorizeRequestSchema, req));
      const parsed = authorizeResponseSchema.safeParse(answer);
      if (!parsed.success) {
        throw new AppFault("HOME_PLATFORM_UNAVAILABLE", { cause: parsed.error, details: { path: AUTHORIZE_PATH } });
      }
      return parsed.data;
    },
    async release(req) {
      await post(RELEASE_PATH, checked(releaseRequestSchema, req));
    },
    /** Closes the client's own keep-alive agent (not a client or dispatcher passed in). */
    async close() {
      await own?.close();
    },
  };
}
