import { AppFault } from "@jg/errors";
import { placeholdersFor, preparedInTransaction } from "@jg/service-kit";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { type ProvinceDb, type ProvinceTx } from "../db/database";
import { idempotency } from "../db/schema";

/** Operations whose answers are stored under a caller's idempotency key. */
type IdempotentOperation = "handleViolation" | "payFine";

/** Identifies one stored answer: the operation, the caller, the caller's key and the arguments' hash. */
export interface IdempotencyScope {
  operation: IdempotentOperation;
  principal: string;
  key: string;
  requestHash: string;
}

/** Refuses an empty or oversized key before anything is looked up. */
export function checkIdempotencyKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 128) {
    throw new AppFault("BAD_USER_INPUT", { params: { reason: "idempotencyKey must have 1 to 128 characters" } });
  }
  return trimmed;
}

/**
 * The stored answer for this scope, or undefined when the key is new. The same key with other
 * arguments is IDEMPOTENCY_KEY_REUSED: answering it with the first call's result would be wrong.
 */
export async function lookupAnswer<T>(db: ProvinceDb, scope: IdempotencyScope): Promise<T | undefined> {
  const rows = await db
    .select()
    .from(idempotency)
    .where(
      and(eq(idempotency.operation, scope.operation), eq(idempotency.principal, scope.principal), eq(idempotency.key, scope.key)),
    );
  const row = rows[0];
  return storedAnswerOf<T>(scope, row ? { requestHash: row.requestHash, response: row.response } : null);
}

/** What {@link storedAnswerColumn} reads: the stored row's hash and answer, or null when the key is new. */
export type StoredAnswer = { requestHash: string; response: unknown } | null;

/**
 * The stored answer of a scope as one column of another read (issue 12: the violation read of handle and
 * pay carries it, one statement instead of two); {@link storedAnswerOf} interprets it exactly as
 * {@link lookupAnswer} does. The scope's operation, principal and key are the placeholders `operation`,
 * `principal` and `key` of a prepared read (built once per database handle): pass {@link scopeParams}.
 */
export function storedAnswerColumn(): SQL<StoredAnswer> {
  return sql<StoredAnswer>`(select jsonb_build_object('requestHash', ${idempotency.requestHash}, 'response', ${idempotency.response}) from ${idempotency} where ${and(
    eq(idempotency.operation, sql.placeholder("operation")),
    eq(idempotency.principal, sql.placeholder("principal")),
    eq(idempotency.key, sql.placeholder("key")),
  )})`;
}

/** The placeholder values of {@link storedAnswerColumn} for a scope. */
export function scopeParams(scope: IdempotencyScope): { operation: string; principal: string; key: string } {
  return { operation: scope.operation, principal: scope.principal, key: scope.key };
}

/** The one verdict on a stored answer (a {@link storedAnswerColumn} value or the row {@link lookupAnswer} read): the same key with other arguments is IDEMPOTENCY_KEY_REUSED. */
function storedAnswerOf<T>(scope: IdempotencyScope, stored: StoredAnswer): T | undefined {
  const value = typeof stored === "string" ? (JSON.parse(stored) as StoredAnswer) : stored;
  if (!value) return undefined;
  if (value.requestHash !== scope.requestHash) throw new AppFault("IDEMPOTENCY_KEY_REUSED");
  return value.response as T;
}

/**
 * The one order of a keyed mutation's first read (handle and pay): the key's stored answer first (checked
 * as {@link lookupAnswer} checks it), then the row, then NOT_FOUND. `row` is the read of the violation with
 * its {@link storedAnswerColumn} as `stored` (one statement); with no such violation the key may still hold
 * an answer (or another request's hash) to answer with first.
 */
export async function storedOrRow<T, R extends { stored: StoredAnswer }>(db: ProvinceDb, scope: IdempotencyScope, row: R | undefined): Promise<{ stored: T } | { stored?: undefined; row: R }> {
  const stored = row ? storedAnswerOf<T>(scope, row.stored) : await lookupAnswer<T>(db, scope);
  if (stored) return { stored };
  if (!row) throw new AppFault("NOT_FOUND");
  return { row };
}

/** Stores the answer inside the transaction of the change it describes (a statement built once per database handle, issue 12). */
export async function saveAnswer(tx: ProvinceTx, scope: IdempotencyScope, response: unknown, at: Date): Promise<void> {
  await preparedInTransaction(tx, "idempotency_save", buildSave).execute({ ...scope, response, createdAt: at });
}

function buildSave(tx: ProvinceTx) {
  return tx
    .insert(idempotency)
    .values(placeholdersFor(idempotency, ["operation", "principal", "key", "requestHash", "response", "createdAt"]))
    .prepare("idempotency_save");
}
