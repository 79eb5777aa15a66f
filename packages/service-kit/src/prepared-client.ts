/**
 * Server-side prepared statements for drizzle on postgres.js (issue 11, fourth pass). drizzle sends
 * every statement through postgres.js's `unsafe`, which defaults to `prepare: false`: each
 * parameterized statement was then an unnamed Parse + Describe, a wait for the server's answer, then
 * Bind + Execute — two round trips, and a parse and plan by the server every time (a trace of a
 * shard's backend showed it for every relay poll and every read; drizzle's own `.prepare()` only
 * caches the query text on the client side). Through this wrapper `unsafe` prepares, so postgres.js
 * names each statement once per connection (keyed by its text and parameter types) and later runs are
 * one Bind + Execute round trip on the server's cached plan.
 *
 * Statements with more than `MAX_PREPARED_PARAMETERS` parameters stay unnamed: multi-row inserts and
 * `in (…)` lists of a batch's size have a different text per size, and each named statement is kept
 * by the connection and its backend for the connection's life. Statements without parameters use the
 * simple protocol as before. Transactions and savepoints hand their callbacks a wrapped client too.
 */
import type { Sql } from "postgres";

/** Above this many parameters a statement is sent unnamed (see above), on PostgreSQL and on PGlite (pglite-statements.ts). */
export const MAX_PREPARED_PARAMETERS = 32;

type Callback = (sql: Sql) => unknown;

/** The wrapped clients handed to savepoint callbacks: drizzle's postgres-js driver numbers no nested
 * transaction (`nestedIndex` stays 0), so {@link isSavepointClient} tells them apart. */
const savepointClients = new WeakSet<object>();

/** Whether `client` is the connection of a savepoint (a nested transaction) opened through this wrapper. */
export function isSavepointClient(client: unknown): boolean {
  return typeof client === "function" || (typeof client === "object" && client !== null) ? savepointClients.has(client) : false;
}

/** `sql` with drizzle's statements prepared server-side (see the file's comment). */
export function withPreparedStatements(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop === "unsafe") {
        return (query: string, args?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, (args ?? []) as never[], { prepare: (args?.length ?? 0) <= MAX_PREPARED_PARAMETERS, ...options });
      }
      if (prop === "begin" || prop === "savepoint") {
        const method = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!.bind(target);
        return (...a: unknown[]) => {
          const fn = a.pop() as Callback;
          return method(...a, (inner: Sql) => {
            const wrapped = withPreparedStatements(inner);
            if (prop === "savepoint") savepointClients.add(wrapped);
            return fn(wrapped);
          });
        };
      }
      return Reflect.get(target, prop, target) as unknown;
    },
  });
}
