/**
 * The viewer read once per client query, not once per request of its plan (issue 12). A citizen's
 * listing is one operation at the gateway and two requests here: the vehicles and their violations,
 * then, after the provinces answered, `Violation.eligibility` (which `@requires` their facts). Both
 * read the same viewer (account, licence, ledger totals, relations, vehicles: one statement, the
 * platform's dearest, ≈ 0.75 ms of CPU under load). The gateway sends a random key of the operation
 * with each request of a query's plan (`x-jg-operation`, @jg/identity's OPERATION_HEADER;
 * gateway/src/platform-data-source.ts); this cache keeps, for a short while, the viewer a request of
 * that operation read for that signed-in account, and a later request of the same operation and
 * account uses it instead of reading again.
 *
 * What it keeps to:
 * - The key is the operation's key and the account of the request's verified identity: it never
 *   answers another account, and the key grants nothing by itself. An unknown or malformed key is
 *   read as none.
 * - Only a query shares its viewer ({@link queryOnlyOperationKeys}): a request of a mutation (which the
 *   gateway never keys, and which a caller could) reads after its own changes, as before. The viewer of
 *   a query is as of the operation's first request, one consistent view for the whole answer.
 * - Entries live {@link TTL_MS} (a plan's requests follow each other within milliseconds) and at most
 *   {@link MAX_ENTRIES} are kept, the oldest dropped first; a failed read is not kept.
 * Without a key (an ordinary request, the tests' direct calls, Hive Gateway's requests) nothing changes.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { oneByKey } from "../db/by-key";
import type { Viewer } from "./viewer.store";

/** How long an operation's viewers are kept (wall clock). */
const TTL_MS = 2_000;
/** At most this many (operation, account) entries. */
const MAX_ENTRIES = 2_000;
/** The gateway's keys are UUIDs; anything else plain and short is accepted, anything more is ignored. */
const KEY = /^[A-Za-z0-9-]{8,64}$/;

/** A header value as an operation key, or undefined (absent, repeated, malformed). */
export function operationKeyOf(header: string | string[] | undefined): string | undefined {
  return typeof header === "string" && KEY.test(header) ? header : undefined;
}

interface Entry {
  at: number;
  viewer: Promise<Viewer | null>;
}

export class OperationViewers {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly ttlMs = TTL_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** How many entries are kept now (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The viewers of `ids` (account IDs; null for an unknown account) for `operation`: those a request of
   * this operation read already, the others through `read` in one call, kept for the next request.
   * Without an operation, `read` alone.
   */
  async viewers(operation: string | undefined, ids: readonly string[], read: (ids: readonly string[]) => Promise<Viewer[]>): Promise<(Viewer | null)[]> {
    if (operation === undefined) return oneByKey(ids, await read(ids), accountIdOf);
    const now = this.clock();
    this.expire(now);
    const mine = new Map<string, Promise<Viewer | null>>();
    const missing: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(keyOf(operation, id));
      if (entry) mine.set(id, entry.viewer);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const fresh = read(missing).then((found) => oneByKey(missing, found, accountIdOf));
      for (const [i, id] of missing.entries()) {
        const key = keyOf(operation, id);
        const viewer = fresh.then((aligned) => aligned[i] ?? null);
        const entry = { at: now, viewer };
        mine.set(id, viewer);
        this.entries.set(key, entry);
        // A failed read is not kept (the caller sees the error through `mine`).
        viewer.catch(() => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
        });
      }
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return Promise.all(ids.map((id) => mine.get(id)!));
  }

  /** Drops the entries older than the TTL (the map is in insertion order, so the oldest come first). */
  private expire(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.at < this.ttlMs) return;
      this.entries.delete(key);
    }
  }
}

const keyOf = (operation: string, accountId: string) => `${operation}\u0000${accountId}`;
const accountIdOf = (viewer: Viewer) => viewer.account.id;

/** One cache per platform (its dependencies object), shared by its requests. */
const perPlatform = new WeakMap<object, OperationViewers>();
export function operationViewersOf(owner: object): OperationViewers {
  let viewers = perPlatform.get(owner);
  if (!viewers) perPlatform.set(owner, (viewers = new OperationViewers()));
  return viewers;
}

/** Once the operation is known: a request that is not a query forgets its operation key (see above). */
export function queryOnlyOperationKeys<TContext extends { operationKey: string | undefined }>(): ApolloServerPlugin<TContext> {
  const listener: GraphQLRequestListener<TContext> = {
    async didResolveOperation({ operation, contextValue }) {
      if (operation?.operation !== "query") contextValue.operationKey = undefined;
    },
  };
  return { requestDidStart: async () => listener };
}
