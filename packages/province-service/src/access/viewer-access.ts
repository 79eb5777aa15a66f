/**
 * May a citizen see a violation? The province cannot know (ownership, filings and leases live on the
 * home platform, docs/design.md §8), so it asks: `POST /internal/access` with
 * `{ accountId, items: [{ plate, occurredAt }] }` → `{ allowed: boolean[] }` (in the items' order),
 * authenticated by a service token. Each violation is judged at its occurrence time (R-ELG-7: a lessee
 * keeps seeing the violations of the lease period after it ended). Callers batch per request (one HTTP
 * call per batch, see `createViewerAccessLoader`).
 */
import { AppFault } from "@jg/errors";
import { ACCESS_PATH, accessResponseSchema } from "@jg/handoff";
import { type InternalClient } from "@jg/service-kit";

/** One violation a citizen wants to see: its vehicle and when it occurred. */
export interface ViewedViolation {
  plate: string;
  occurredAt: Date;
}

export interface ViewerAccess {
  /** For each item, in order: may the account see it? */
  allowed(accountId: string, items: readonly ViewedViolation[]): Promise<boolean[]>;
}

export interface HttpViewerAccessOptions {
  /** Base URL of the home platform. */
  baseUrl: string;
  /** The shard's internal HTTP client (service-kit), which signs the calls as this shard. */
  client: InternalClient;
  /** Token audience; the home platform's service name. */
  audience: string;
  /** Per-call timeout in ms; default 5000. */
  timeoutMs?: number;
}

/** The HTTP client of the home platform's access check. Any failure is HOME_PLATFORM_UNAVAILABLE. */
export function createHttpViewerAccess(options: HttpViewerAccessOptions): ViewerAccess {
  return {
    async allowed(accountId, items) {
      try {
        const body = await options.client.postOk(
          options.baseUrl,
          ACCESS_PATH,
          options.audience,
          { accountId, items: items.map((item) => ({ plate: item.plate, occurredAt: item.occurredAt.toISOString() })) },
          { timeoutMs: options.timeoutMs ?? 5_000 },
        );
        const { allowed } = accessResponseSchema.parse(body);
        if (allowed.length !== items.length) throw new Error(`${ACCESS_PATH} answered ${allowed.length} items for ${items.length}`);
        return allowed;
      } catch (cause) {
        throw new AppFault("HOME_PLATFORM_UNAVAILABLE", { cause });
      }
    },
  };
}
