/**
 * Access statements (docs/design.md §4, issue 11): the home platform's signed word that one citizen may
 * see the violations of one vehicle that occurred in given periods. The platform has just decided that
 * for `Vehicle.violations` (owner, active filing, lease periods: R-ELG-7); it passes the statement in each
 * violation's entity representation (the `province` subgraph's key `id accessStatement`), so the
 * occurrence shard checks it locally instead of asking `POST /internal/access` once per request.
 *
 * A statement is a compact JWS signed with the platform's own key (role `platform` in the key
 * directory), addressed to the province shards, living {@link ACCESS_STATEMENT_TTL_SECONDS}: it never
 * leaves the servers (the field is `@inaccessible`, the gateway sends it straight back in one query
 * plan), and a shard also requires the edge-signed identity header of the same citizen. Whatever does
 * not verify — another signer, an expired or tampered statement, another citizen, another plate, an
 * occurrence outside the periods — means "may not see": the violation answers as one that does not exist.
 */
import { TokenError } from "./errors";
import { type KeyDirectory } from "./keys";
import { reusedTokens } from "./reused-tokens";
import { signToken, type ServiceSigner } from "./signing";

/** JWS `typ` of an access statement. */
export const ACCESS_STATEMENT_TYP = "jg-access+jwt";
/** Audience of every access statement: the province shards. */
export const ACCESS_STATEMENT_AUDIENCE = "jg-province";
/** Lifetime: one query plan's round trips, with room for a slow machine. */
export const ACCESS_STATEMENT_TTL_SECONDS = 30;

/** A period [since, until) in ms since the epoch; `until` null when open-ended. */
export type AccessPeriod = readonly [since: number, until: number | null];

/** What the platform states: `accountId` may see the violations of `plate` that occurred in `periods`, or all of them. */
export interface AccessStatement {
  accountId: string;
  plate: string;
  /** "ALL" for the owner or a driver with an active filing; else the lease periods (R-ELG-7). */
  periods: "ALL" | readonly AccessPeriod[];
}

/** Signs a statement as the home platform. `now` is the platform's clock (the request's instant). */
export async function signAccessStatement(statement: AccessStatement, signer: ServiceSigner, now: Date): Promise<string> {
  return signToken(
    { plate: statement.plate, per: statement.periods === "ALL" ? "ALL" : statement.periods.map(([a, b]) => [a, b]) },
    signer,
    { typ: ACCESS_STATEMENT_TYP, audience: ACCESS_STATEMENT_AUDIENCE, subject: statement.accountId, ttlSeconds: ACCESS_STATEMENT_TTL_SECONDS, now },
  );
}

/** How long the platform hands out one signed statement again for the same statement ({@link accessStatements}). */
export const ACCESS_STATEMENT_REUSE_MS = 10_000;

/**
 * The platform's statements signed once per statement per {@link ACCESS_STATEMENT_REUSE_MS} (issue 12,
 * {@link reusedTokens}): a citizen listing their violations again within seconds gets the same token for
 * the same account, plate and periods, so the platform signs it once and each shard process verifies it
 * once (the key directory remembers a verified token by its text) instead of a signature and a
 * verification per listing. The statement says exactly what the platform has just decided (the key is
 * the whole statement: a changed lease period or a revoked filing is another statement, or none); a
 * reused one has at least 20 s of its 30-s lifetime left, room for one query plan's round trips.
 */
export function accessStatements(signer: ServiceSigner): (statement: AccessStatement, now: Date) => Promise<string> {
  return reusedTokens((statement: AccessStatement, now) => signAccessStatement(statement, signer, now), {
    ttlSeconds: ACCESS_STATEMENT_TTL_SECONDS,
    reuseMs: ACCESS_STATEMENT_REUSE_MS,
    keyOf: (s) => JSON.stringify([s.accountId, s.plate, s.periods]),
  });
}

/**
 * Verifies a statement against the key directory (signed by a `platform`, addressed to the shards, not
 * expired at `now`) and reads it.
 * @throws {TokenError} on any refusal, a malformed body included.
 */
export async function verifyAccessStatement(token: string, directory: KeyDirectory, now: Date): Promise<AccessStatement> {
  const { payload } = await directory.verify(token, { typ: ACCESS_STATEMENT_TYP, audience: ACCESS_STATEMENT_AUDIENCE, roles: ["platform"], now });
  const { sub, plate, per } = payload as { sub?: unknown; plate?: unknown; per?: unknown };
  if (typeof sub !== "string" || sub.length === 0 || typeof plate !== "string" || plate.length === 0) {
    throw new TokenError("TOKEN_CLAIMS_INVALID", "access statement without account or plate");
  }
  if (per === "ALL") return { accountId: sub, plate, periods: "ALL" };
  if (!Array.isArray(per) || !per.every(isPeriod)) throw new TokenError("TOKEN_CLAIMS_INVALID", "access statement periods malformed");
  return { accountId: sub, plate, periods: per };
}

function isPeriod(value: unknown): value is AccessPeriod {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    Number.isFinite(value[0]) &&
    (value[1] === null || Number.isFinite(value[1]))
  );
}

/**
 * The one rule of a lease's period (R-ELG-7): the instant `at` (ms) is in [since, until), `until` null
 * for a lease without an end. The platform's `covers` and the shards' `statementCovers` both use it.
 */
export function inPeriod(since: number, until: number | null, at: number): boolean {
  return since <= at && (until === null || at < until);
}

/** Does the statement let `accountId` see a violation of `plate` that occurred at `occurredAt`? */
export function statementCovers(statement: AccessStatement, accountId: string, plate: string, occurredAt: Date): boolean {
  if (statement.accountId !== accountId || statement.plate !== plate) return false;
  if (statement.periods === "ALL") return true;
  const at = occurredAt.getTime();
  return statement.periods.some(([since, until]) => inPeriod(since, until, at));
}
