/**
 * Asking the home platform to authorize a handling, with no reservation left behind when the answer is
 * lost (docs/design.md §4, ambiguous authorize; R-ELG-6, R-SYNC-1):
 * - a handling ID derives from (shard, caller, idempotency key, request hash) and a **generation**
 *   (0 first), so a client's retry with the same key asks under the same ID and reuses the reservation;
 * - when authorize fails ambiguously (timeout, connection error, 5xx, malformed answer:
 *   HOME_PLATFORM_UNAVAILABLE, the platform may or may not have reserved), the handling ID is released
 *   at once: a reservation made is given back, and if none was made yet the platform records a void,
 *   so a late authorize of that ID can never be approved; the client gets the retryable error;
 * - an authorize answered **voided** (the ID was released) is asked again under the next generation,
 *   at most {@link MAX_HANDLING_GENERATIONS} times, so a client's retry after a lost answer still ends
 *   with exactly one reservation; once all are voided the key is refused (IDEMPOTENCY_KEY_EXHAUSTED,
 *   not retryable: the client sends the request again under a new key).
 * A release that fails too is logged and sent again before the next authorize of the same request
 * (HomeAuthorizer), so a retry never commits under an ID a late release could still void; if no retry
 * comes, the reservation, if any, stays held until an operator releases it (docs/design.md §4 says why
 * it is not an outbox message).
 */
import { AppFault, isAppFault } from "@jg/errors";
import type { AuthorizeRequest, AuthorizeResponse, HomePlatformClient, ReleaseRequest } from "@jg/handoff";
import type { Logger } from "pino";
import { uuidFromName } from "../hash";

/** How many handling IDs one idempotency key may use before the shard gives up (each voided by a lost answer). */
export const MAX_HANDLING_GENERATIONS = 8;

/** The handling ID of one generation; generation 0 is the ID used before generations existed. */
function handlingIdOf(name: readonly string[], generation: number): string {
  return generation === 0 ? uuidFromName(...name) : uuidFromName(...name, `generation:${generation}`);
}

/**
 * An approval, a denial or, to a `checkViewer` request, the hidden answer (the account may not see the
 * violation: final, nothing was written under the ID), with the handling ID it was decided under (never a
 * voided answer).
 */
export type Authorized = { handlingId: string; authorization: Exclude<AuthorizeResponse, { voided: true }> };

/**
 * Authorizes under the first handling ID of `name` that is not voided. `request` builds the request for
 * one handling ID. Throws IDEMPOTENCY_KEY_EXHAUSTED when every generation is voided, and
 * HOME_PLATFORM_UNAVAILABLE after releasing the ID whose answer was lost; a
 * release that fails too is handed to `unreleased`, so the next authorize of `name` sends it again first.
 */
async function authorizeWithoutLeak(
  home: HomePlatformClient,
  logger: Logger,
  name: readonly string[],
  request: (handlingId: string) => AuthorizeRequest,
  unreleased: (req: ReleaseRequest) => void,
): Promise<Authorized> {
  for (let generation = 0; generation < MAX_HANDLING_GENERATIONS; generation += 1) {
    const req = request(handlingIdOf(name, generation));
    let authorization: AuthorizeResponse;
    try {
      authorization = await home.authorize(req);
    } catch (err) {
      if (isAppFault(err) && err.code === "HOME_PLATFORM_UNAVAILABLE") {
        const release: ReleaseRequest = { handlingId: req.handlingId, accountId: req.accountId, violationId: req.violation.id, reason: "AUTHORIZE_UNANSWERED" };
        if (!(await releaseQuietly(home, logger, release))) unreleased(release);
      }
      throw err;
    }
    // Only a voided answer asks again: the hidden one (`visible: false`) is final like an approval or a denial.
    if (!("voided" in authorization)) return { handlingId: req.handlingId, authorization };
  }
  // Every generation is voided: asking again under this key can never succeed, so the answer is not the
  // retryable HOME_PLATFORM_UNAVAILABLE but a refusal of the key (docs/design.md §4).
  throw exhaustedKey();
}

/** The refusal of a key whose every handling-ID generation is voided. */
function exhaustedKey(): AppFault {
  return new AppFault("IDEMPOTENCY_KEY_EXHAUSTED", { details: { generations: MAX_HANDLING_GENERATIONS } });
}

/** How many exhausted names one shard remembers (the oldest is forgotten first). */
const MAX_EXHAUSTED_REMEMBERED = 10_000;

/**
 * One shard's authorizations. Twin requests (the same caller, key and arguments, e.g. a client's retry
 * while its first request still waits for the home platform) share one authorization in flight: without
 * that, the first could release a handling ID after its lost answer while the twin, approved under the
 * same ID, commits a handling whose reservation is gone. (Twins reaching two processes of one shard
 * would need a durable claim; a shard runs in one process, docs/design.md §9.)
 */
export class HomeAuthorizer {
  private readonly inFlight = new Map<string, Promise<Authorized>>();
  /**
   * Releases of lost answers that failed too, by `name`. A failed release may still reach the platform
   * later (a timeout on our side, the request queued on its): were a retry to reuse that handling ID and
   * commit, the late release would take its reservation. So the next authorize of the name sends these
   * releases again first and asks only once they are acknowledged: the ID is then void, a late copy
   * changes nothing, and the retry goes on under the next generation. (Kept in memory: a shard that
   * restarts in between forgets them, docs/design.md §4.)
   */
  private readonly unreleased = new Map<string, ReleaseRequest[]>();
  /**
   * Names whose every generation is voided: a retry under them is refused at once, without asking the
   * home platform 8 times again under its licence lock (each answer would be voided). In memory and
   * bounded: a shard that restarts, or forgets the oldest, asks again and is refused again.
   */
  private readonly exhausted = new Set<string>();

  constructor(
    private readonly home: HomePlatformClient,
    private readonly logger: Logger,
  ) {}

  /** {@link authorizeWithoutLeak} under `name`, joined by twins while in flight. */
  authorize(name: readonly string[], request: (handlingId: string) => AuthorizeRequest): Promise<Authorized> {
    const key = name.join("\u0000");
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    if (this.exhausted.has(key)) return Promise.reject(exhaustedKey());
    const started = this.releaseFirst(key)
      .then(() => authorizeWithoutLeak(this.home, this.logger, name, request, (req) => this.unreleased.set(key, [...(this.unreleased.get(key) ?? []), req])))
      .catch((err: unknown) => {
        if (isAppFault(err) && err.code === "IDEMPOTENCY_KEY_EXHAUSTED") {
          if (this.exhausted.size >= MAX_EXHAUSTED_REMEMBERED) this.exhausted.delete(this.exhausted.values().next().value!);
          this.exhausted.add(key);
        }
        throw err;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Sends the failed releases of `key` again; throws HOME_PLATFORM_UNAVAILABLE while one still fails. */
  private async releaseFirst(key: string): Promise<void> {
    const waiting = this.unreleased.get(key);
    while (waiting?.length) {
      if (!(await releaseQuietly(this.home, this.logger, waiting[0]!))) {
        throw new AppFault("HOME_PLATFORM_UNAVAILABLE", { details: { reason: "an earlier release of this request is not acknowledged yet" } });
      }
      waiting.shift();
    }
    this.unreleased.delete(key);
  }

  /** Releases a handling, best effort ({@link releaseQuietly}). */
  release(req: ReleaseRequest): Promise<boolean> {
    return releaseQuietly(this.home, this.logger, req);
  }
}

/**
 * Releases a handling (best effort): true when the home platform acknowledged. A failure is logged with
 * what an operator needs to release it by hand.
 */
async function releaseQuietly(home: HomePlatformClient, logger: Logger, req: ReleaseRequest): Promise<boolean> {
  try {
    await home.release(req);
    return true;
  } catch (err) {
    logger.error({ err, ...req }, "could not release a handling at the home platform: its reservation, if any, stays held");
    return false;
  }
}
