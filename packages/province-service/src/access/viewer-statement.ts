/**
 * The home platform's access statement, checked here (issue 11, docs/design.md §8): when the gateway
 * reaches a violation through the platform's `Vehicle.violations`, the entity representation carries a
 * statement the platform signed for this citizen and this vehicle (the lease periods, or all of the
 * vehicle's violations), so the shard decides locally instead of asking `POST /internal/access`.
 *
 * A statement that does not verify against the key directory (another signer, expired, tampered) or
 * that speaks of another citizen, another plate or other periods means "may not see": the violation
 * then answers as one that does not exist. Without a statement the shard asks the platform as before.
 */
import { statementCovers, TokenError, verifyAccessStatement, type AccessStatement, type KeyDirectory } from "@jg/identity";
import { type ViewedViolation } from "./viewer-access";

/** Per request: may the calling citizen see this violation by this statement? */
export type StatementCheck = (token: string, item: ViewedViolation) => Promise<boolean>;

/**
 * One request's check for `accountId`: each distinct statement verified once (the violations of one
 * vehicle share one), at the request's instant `now`. `onRefused` hears each statement refused.
 */
export function createStatementCheck(
  directory: KeyDirectory,
  now: Date,
  accountId: string,
  onRefused: (err: TokenError) => void,
): StatementCheck {
  const read = new Map<string, Promise<AccessStatement | null>>();
  return async (token, item) => {
    let statement = read.get(token);
    if (!statement) {
      statement = verifyAccessStatement(token, directory, now).catch((err: unknown) => {
        if (!(err instanceof TokenError)) throw err;
        onRefused(err);
        return null;
      });
      read.set(token, statement);
    }
    const verified = await statement;
    return verified !== null && statementCovers(verified, accountId, item.plate, item.occurredAt);
  };
}
