/**
 * May a citizen see a vehicle's violations? The province cannot know (ownership, filings and leases
 * live on the home platform, DESIGN.md §8), so it asks: `POST /internal/access` with
 * `{ accountId, plates, at }` → `{ allowed: { [plate]: boolean } }`, authenticated by a service token.
 * Callers batch per request (one HTTP call per batch of plates, see `createViewerAccessLoader`).
 */
import { AppFault } from "@jg/errors";
import { ACCESS_PATH, accessResponseSchema } from "@jg/handoff";
import { bearer, signServiceToken } from "@jg/identity";
import { type Clock } from "@jg/service-kit";

export interface ViewerAccess {
  /** Which of `plates` the account may see at `at`; a plate missing from the answer counts as refused. */
  allowedPlates(accountId: string, plates: readonly string[], at: Date): Promise<Record<string, boolean>>;
}

export interface HttpViewerAccessOptions {
  /** Base URL of the home platform. */
  baseUrl: string;
  serviceSecret: string;
  /** This shard's service name (token subject), e.g. "province-51". */
  service: string;
  /** Token audience; the home platform's service name. */
  audience: string;
  clock: Clock;
  /** Per-call timeout in ms; default 5000. */
  timeoutMs?: number;
}

/** The HTTP client of the home platform's access check. Any failure is HOME_PLATFORM_UNAVAILABLE. */
export function createHttpViewerAccess(options: HttpViewerAccessOptions): ViewerAccess {
  return {
    async allowedPlates(accountId, plates, at) {
      try {
        const token = await signServiceToken(
          { service: options.service, audience: options.audience },
          options.serviceSecret,
          options.clock.now(),
        );
        const res = await fetch(new URL(ACCESS_PATH, options.baseUrl), {
          method: "POST",
          headers: { "content-type": "application/json", authorization: bearer(token) },
          body: JSON.stringify({ accountId, plates, at: at.toISOString() }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status} from ${ACCESS_PATH}`);
        return accessResponseSchema.parse(await res.json()).allowed;
      } catch (cause) {
        throw new AppFault("HOME_PLATFORM_UNAVAILABLE", { cause });
      }
    },
  };
}
