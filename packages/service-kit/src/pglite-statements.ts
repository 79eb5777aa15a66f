/**
 * Named prepared statements for drizzle on PGlite, each run in one protocol exchange (issue 12, the
 * load's CPU per journey). PGlite's own `query(text, params)` sends six separate protocol messages to
 * its WebAssembly PostgreSQL — Parse, Describe statement, Bind, Describe portal, Execute, Sync — each
 * a call into the module and a parse of its answer, and PostgreSQL parses and plans the text every
 * time (an unnamed statement). A load profile of Chongqing had ≈ 60 % of the process's CPU in PGlite's
 * JavaScript and WebAssembly. Through this wrapper a statement's text is parsed once per database
 * (Parse with a name, Describe, Sync: its parameter types and its row description are kept), and every
 * later run is one buffer — Bind the name, Execute, Sync — in one exchange, on the plan PostgreSQL
 * caches for a named statement. A bench of this file's approach (`bench/pglite-statements.bench.ts`)
 * measured a primary-key read at 0.61 → 0.28 ms of CPU, an update 0.46 → 0.24.
 *
 * What PGlite's `query` guarantees is kept: the same mutexes (a statement outside a transaction waits
 * for any transaction; one inside holds the query mutex only), the same parameter serializers and
 * result parsers (per-call `parsers` and `rowMode`, as drizzle passes them), the same errors
 * (PostgreSQL's `DatabaseError` with its SQLSTATE `code`, and `query` / `params` attached as PGlite
 * does), and `syncToFs` after a statement outside a transaction.
 *
 * Statements run unnamed — Parse without a name + Describe + Sync, then Bind + Execute + Sync: two
 * exchanges, not PGlite's six, and PostgreSQL parses them each time — when
 * - they have no parameters (DDL, raw one-off statements: nothing to gain from a name);
 * - they have more than `MAX_PREPARED_PARAMETERS` (multi-row inserts and `in (…)` lists have a text per
 *   batch size; postgres.js's path sets the same bound, prepared-client.ts);
 * - the database already holds `MAX_NAMED_STATEMENTS` names (a bound on memory, never reached by the
 *   services' fixed set of statements);
 * - the call carries its own parameter types or serializers.
 * Only a call with a blob (COPY through PGlite's /dev/blob) keeps PGlite's own `query`.
 * Every result is built here, not by PGlite's parser, which copies its ≈ 316 type parsers into a new
 * object on every call: when PGlite was created with the `pgliteExchange` extension (db.ts does, unless
 * `PGLITE_STATEMENTS=messages`), a run's answer is read raw, without PGlite's protocol parser, and its
 * Bind written into a reused buffer (pglite-exchange.ts); else from PGlite's messages (`resultOf`).
 * Transactions are this wrapper's too (`transaction`), under PGlite's own transaction and query
 * mutexes: BEGIN goes in the same exchange as the transaction's first statement (alone before it when
 * its text is not prepared yet: an error at Parse aborts the transaction), COMMIT and ROLLBACK one
 * exchange each. Answers are read by PGlite's parser once a notification listener is registered on the
 * database (pglite-exchange.ts, `listenedTo`).
 * A named statement whose cached plan PostgreSQL refuses after a schema change (SQLSTATE 0A000
 * "cached plan must not change result type", 26000 "prepared statement does not exist") is dropped
 * and prepared again under a new name: at once outside a transaction; inside one the error aborts the
 * transaction (PGlite's own path, which re-parses every time, would not have failed) and the next run
 * prepares it again. The services never change their schema while running, so this is a safeguard.
 */
import { MAX_PREPARED_PARAMETERS } from "./prepared-client";
import { affectedRowsOf, bindExecuteSync, listenedTo, rawExchangeOf, type Parser, type RawExchange, type RowShape } from "./pglite-exchange";
import { parse as pgliteParse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

const { serialize } = protocol;

/**
 * `PGLITE_STATEMENTS`: "named" (the default: this wrapper, answers read raw — pglite-exchange.ts),
 * "messages" (this wrapper, answers read from PGlite's parsed messages) or "unnamed" (PGlite's own
 * path), the last two for an A/B; anything else stops the start.
 */
export function pgliteStatements(env: NodeJS.ProcessEnv = process.env): "named" | "messages" | "unnamed" {
  const value = env["PGLITE_STATEMENTS"];
  if (value === undefined || value === "") return "named";
  if (value === "named" || value === "messages" || value === "unnamed") return value;
  throw new Error(`PGLITE_STATEMENTS must be "named", "messages" or "unnamed", got ${JSON.stringify(value)}`);
}

/** At most this many named statements per database (see above). */
const MAX_NAMED_STATEMENTS = 2000;

type Message = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

interface Named {
  name: string;
  /** Parameter type OIDs, from Describe statement: the serializers are chosen by them. */
  paramTypes: number[];
  /** The statement's RowDescription (absent for a statement that returns no rows). */
  rowDescription: Message | undefined;
  /** Its fields' names and type OIDs, read once. */
  names: string[];
  typeIds: number[];
}

/** What this wrapper reads of a PGlite instance beyond its public query API. */
interface PgliteInternals {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _checkReady(): Promise<void>;
}

/** Statistics of one wrapped database: named statements prepared, runs through a name, unnamed runs, protocol exchanges (each a call into PostgreSQL). */
export interface StatementStats {
  prepared: number;
  named: number;
  unnamed: number;
  exchanges: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function stale(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "26000" || (code === "0A000" && /cached plan/i.test(String((err as Error).message)));
}

type RowDescription = { fields: { name: string; dataTypeID: number }[] };
type DataRow = { fields: (string | null)[] };

/** BEGIN as extended-protocol messages (Parse unnamed, Bind, Execute), sent ahead of a transaction's first statement in its exchange. */
const BEGIN_AHEAD = concat([serialize.parse({ text: "BEGIN" }), serialize.bind({}), serialize.execute({})]);
const EXECUTE_SYNC = concat([serialize.execute({}), serialize.sync()]);
const CONTROL = { BEGIN: serialize.query("BEGIN"), COMMIT: serialize.query("COMMIT"), ROLLBACK: serialize.query("ROLLBACK") };

/**
 * The result of one Bind/Execute/Sync exchange, as PGlite's `parseResults(...)[0]` builds it (rows as
 * objects or, with `rowMode: "array"`, arrays; each value through the call's parser of its type, else
 * the database's; `fields`; `affectedRows`), without its per-call copy of the database's parsers: PGlite
 * spreads its ≈ 316 type parsers into a new object on every result, ≈ 80 µs of CPU, more than the
 * statement's own run in PostgreSQL (a load profile of Chongqing had 13 % of its CPU in that function).
 */
function resultOf<T>(description: Message | undefined, messages: Message[], parsers: Record<number, Parser>, options: QueryOptions | undefined): Results<T> {
  const own = options?.parsers as Record<number, Parser> | undefined;
  const arrays = options?.rowMode === "array";
  const fields = description ? (description as unknown as RowDescription).fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) : [];
  const parserOf = fields.map((f) => own?.[f.dataTypeID] ?? parsers[f.dataTypeID]);
  const rows: unknown[] = [];
  let affectedRows = 0;
  for (const message of messages) {
    if (message.name === "dataRow") {
      const values = (message as unknown as DataRow).fields;
      if (arrays) {
        const row = new Array<unknown>(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          const parse = parserOf[i];
          row[i] = v === null ? null : parse ? parse(v, fields[i]!.dataTypeID) : v;
        }
        rows.push(row);
      } else {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          const parse = parserOf[i];
          row[fields[i]!.name] = v === null ? null : parse ? parse(v, fields[i]!.dataTypeID) : v;
        }
        rows.push(row);
      }
    } else if (message.name === "commandComplete") {
      affectedRows += affectedRowsOf((message as unknown as { text: string }).text);
    }
  }
  return { rows, fields, affectedRows } as Results<T>;
}

/** A transaction of this client: whether its BEGIN was sent (it goes with the first statement). */
interface TxState {
  begun: boolean;
}

/** The named statements of each database, by text: names are the database's, whoever wraps it. */
const databases = new WeakMap<PGlite, { named: Map<string, Named>; sequence: number }>();

/** `pg` with drizzle's statements run as named prepared statements (see the file's comment); `stats` counts this wrapper's. */
export function withNamedStatements(pg: PGlite): { client: PGlite; stats: StatementStats } {
  const internals = pg as unknown as PgliteInternals;
  let database = databases.get(pg);
  if (!database) databases.set(pg, (database = { named: new Map(), sequence: 0 }));
  const { named } = database;
  const state = database;
  const stats: StatementStats = { prepared: 0, named: 0, unnamed: 0, exchanges: 0 };
  // Raw exchanges (pglite-exchange.ts) when PGlite was created with its extension (known once it is ready).
  let rawExchange: RawExchange | undefined;
  let rawKnown = false;
  const ready = async () => {
    await internals._checkReady();
    if (!rawKnown) {
      rawKnown = true;
      rawExchange = rawExchangeOf(pg);
    }
  };
  // None once a notification listener is registered on the database (by anyone): PGlite's parser calls the listeners.
  const rawNow = (): RawExchange | undefined => (rawExchange !== undefined && !listenedTo(pg) ? rawExchange : undefined);
  // Whether one of this client's transactions holds PGlite's transaction mutex (`isInTransaction`).
  let inTransaction = false;

  const namable = (params: unknown[] | undefined, options: QueryOptions | undefined): boolean =>
    !!params &&
    params.length > 0 &&
    params.length <= MAX_PREPARED_PARAMETERS &&
    !options?.blob &&
    !options?.paramTypes &&
    !options?.serializers &&
    (named.size < MAX_NAMED_STATEMENTS);

  /** One exchange answered by messages (Parse/Describe, or without a raw exchange). */
  const stream = (message: Uint8Array): Promise<Message[]> => {
    stats.exchanges += 1;
    return pg.execProtocolStream(message, { syncToFs: false });
  };

  /** The rows' shape for a raw exchange: the statement's fields, each with the call's parser of its type, else the database's. */
  function shapeOf(names: string[], typeIds: number[], options: QueryOptions | undefined): RowShape {
    const own = options?.parsers as Record<number, Parser> | undefined;
    const parsers = pg.parsers as Record<number, Parser>;
    return { names, typeIds, parsers: typeIds.map((t) => own?.[t] ?? parsers[t]), arrays: options?.rowMode === "array" };
  }

  /**
   * One Bind/Execute/Sync exchange (`message`) and its result: read raw when possible, else from
   * PGlite's messages (`resultOf`). `fields` are a new array each time, as PGlite's.
   */
  async function execute<T>(message: Uint8Array, description: Message | undefined, names: string[], typeIds: number[], options: QueryOptions | undefined): Promise<Results<T>> {
    const raw = rawNow();
    if (raw) {
      stats.exchanges += 1;
      const { rows, affectedRows } = raw(message, description ? shapeOf(names, typeIds, options) : undefined);
      const fields = names.map((name, i) => ({ name, dataTypeID: typeIds[i]! }));
      return { rows, fields, affectedRows } as Results<T>;
    }
    return resultOf<T>(description, await stream(message), pg.parsers, options);
  }

  /** A simple-protocol control statement (BEGIN, COMMIT, ROLLBACK) in one exchange, its error thrown; the caller holds the query mutex. */
  async function send(statement: keyof typeof CONTROL): Promise<void> {
    const raw = rawNow();
    if (raw) {
      stats.exchanges += 1;
      raw(CONTROL[statement], undefined);
    } else {
      await stream(CONTROL[statement]);
    }
  }
  const control = (statement: keyof typeof CONTROL) => internals._runExclusiveQuery(() => send(statement));

  async function prepare(text: string): Promise<Named> {
    const name = `jg_${(state.sequence += 1)}`;
    const messages = await stream(concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]));
    const description = messages.find((m) => m.name === "parameterDescription") as { dataTypeIDs?: number[] } | undefined;
    const rowDescription = messages.find((m) => m.name === "rowDescription");
    const fields = rowDescription ? (rowDescription as unknown as RowDescription).fields : [];
    const statement = { name, paramTypes: description?.dataTypeIDs ?? [], rowDescription, names: fields.map((f) => f.name), typeIds: fields.map((f) => f.dataTypeID) };
    named.set(text, statement);
    stats.prepared += 1;
    return statement;
  }

  /**
   * A statement by name: Bind + Execute + Sync in one exchange. `tx`: a transaction whose BEGIN is
   * not sent yet — it goes ahead of the Bind in the same exchange (`BEGIN_AHEAD`), and is then sent
   * whatever the statement's outcome (an error in the statement aborts the transaction just begun).
   * A text not prepared yet has BEGIN sent first, alone: an error at its Parse (an unknown column, a
   * syntax error) must abort the transaction, as in PGlite's own (one more exchange, the first time a
   * text runs in a transaction on a database).
   */
  async function runNamed<T>(text: string, params: unknown[], options: QueryOptions | undefined, tx: TxState | undefined, retried = false): Promise<Results<T>> {
    let statement: Named | undefined;
    try {
      statement = named.get(text);
      if (!statement) {
        await begin(tx);
        statement = await prepare(text);
      }
      const types = statement.paramTypes;
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = pg.serializers[types[i]!];
        return serializer ? serializer(param) : String(param as string);
      });
      const ahead = tx !== undefined && !tx.begun;
      // Written straight into a reused buffer when the answer is read raw (at once); else by pg-protocol.
      const raw = rawNow();
      const message =
        (raw && bindExecuteSync(ahead ? BEGIN_AHEAD : undefined, statement.name, values)) ||
        concat([...(ahead ? [BEGIN_AHEAD] : []), serialize.bind({ statement: statement.name, values }), EXECUTE_SYNC]);
      if (ahead) tx.begun = true;
      const result = await execute<T>(message, statement.rowDescription, statement.names, statement.typeIds, options);
      stats.named += 1;
      return result;
    } catch (err) {
      if (statement && stale(err)) {
        // The name stays with PostgreSQL (a Close is not processed in an aborted transaction); a new one is prepared.
        named.delete(text);
        if (!retried && !tx) return runNamed<T>(text, params, options, tx, true);
      }
      throw Object.assign(err as Error, { query: text, params, queryOptions: options });
    }
  }

  /**
   * A statement that does not take a name (see `namable`), in two exchanges — Parse unnamed + Describe +
   * Sync, then Bind + Execute + Sync — where PGlite's own `query` makes six, and its result built
   * without PGlite's copy of its parsers (`resultOf`).
   */
  async function runUnnamed<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    try {
      const described = await stream(concat([serialize.parse({ text, types: options?.paramTypes }), serialize.describe({ type: "S" }), serialize.sync()]));
      const types = (described.find((m) => m.name === "parameterDescription") as { dataTypeIDs?: number[] } | undefined)?.dataTypeIDs ?? [];
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = (options?.serializers as Record<number, (v: unknown) => string> | undefined)?.[types[i]!] ?? pg.serializers[types[i]!];
        return serializer ? serializer(param) : String(param as string);
      });
      const rowDescription = described.find((m) => m.name === "rowDescription");
      const fields = rowDescription ? (rowDescription as unknown as RowDescription).fields : [];
      const result = await execute<T>(concat([serialize.bind({ values }), EXECUTE_SYNC]), rowDescription, fields.map((f) => f.name), fields.map((f) => f.dataTypeID), options);
      stats.unnamed += 1;
      return result;
    } catch (err) {
      throw Object.assign(err as Error, { query: text, params, queryOptions: options });
    }
  }

  /** Inside a transaction, a BEGIN not yet sent is sent before anything that does not carry it; the caller holds the query mutex. */
  async function begin(tx: TxState | undefined): Promise<void> {
    if (tx && !tx.begun) {
      tx.begun = true;
      await send("BEGIN");
    }
  }

  const run = async <T>(text: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx: TxState | undefined): Promise<Results<T>> => {
    if (namable(params, options)) return runNamed<T>(text, params!, options, tx);
    await begin(tx);
    return runUnnamed<T>(text, params ?? [], options);
  };

  // Outside a transaction: wait for any transaction, hold the query mutex, sync as PGlite's query does.
  async function query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    // A blob (COPY … TO/FROM '/dev/blob') needs PGlite's own handling of its device.
    if (options?.blob) return pg.query<T>(text, params, options);
    await ready();
    return internals._runExclusiveTransaction(() =>
      internals._runExclusiveQuery(async () => {
        const result = await run<T>(text, params, options, undefined);
        await pg.syncToFs();
        return result;
      }),
    );
  }

  /**
   * PGlite's `transaction`, its BEGIN sent in the same exchange as the transaction's first statement
   * (PGlite's own sends BEGIN alone, two exchanges, and copies its parsers; an empty transaction sends
   * nothing), COMMIT and ROLLBACK one exchange each, every statement through `run`. The same contract:
   * the transaction mutex is held from the start to the end, each statement holds the query mutex,
   * the callback's error rolls back and is thrown, a `rollback()` ends it, a closed transaction refuses
   * statements. The wrapped client's `isInTransaction()` is true while one of its transactions runs;
   * the bare PGlite's follows the command tags it parses itself, so not those of raw exchanges
   * (pglite-exchange.ts). Two things of PGlite's own transaction are not offered (nothing here uses
   * them): a blob inside a transaction (refused with an error), and `tx.sql`'s template helpers
   * (`identifier`, `raw`, nested fragments): `tx.sql` binds each interpolated value as a parameter.
   */
  async function transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    await ready();
    return internals._runExclusiveTransaction(async () => {
      const state: TxState = { begun: false };
      inTransaction = true;
      let closed = false;
      const open = () => {
        if (closed) throw new Error("Transaction is closed");
      };
      const tx: Transaction = {
        query: async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
          open();
          if (options?.blob) throw new Error("a blob is not supported inside a transaction of this client");
          return internals._runExclusiveQuery(() => run<R>(text, params, options, state));
        },
        sql: async <R>(strings: TemplateStringsArray, ...values: unknown[]) => {
          open();
          const text = strings.reduce((acc, part, i) => `${acc}$${i}${part}`);
          return internals._runExclusiveQuery(() => run<R>(text, values, undefined, state));
        },
        exec: async (text: string, options?: QueryOptions) => {
          open();
          const messages = await internals._runExclusiveQuery(async () => {
            await begin(state);
            return stream(serialize.query(text));
          });
          return pgliteParse.parseResults(messages, pg.parsers, options);
        },
        rollback: async () => {
          open();
          if (state.begun) await control("ROLLBACK");
          closed = true;
        },
        listen: async (channel: string, listener: (payload: string) => void) => {
          open();
          await internals._runExclusiveQuery(() => begin(state));
          return pg.listen(channel, listener, tx);
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) {
          closed = true;
          if (state.begun) await control("COMMIT");
        }
        await pg.syncToFs();
        return result;
      } catch (err) {
        if (!closed) {
          closed = true;
          if (state.begun) await control("ROLLBACK");
        }
        throw err;
      } finally {
        inTransaction = false;
      }
    });
  }

  const client = new Proxy(pg, {
    get(target, prop) {
      if (prop === "query") return query;
      if (prop === "transaction") return transaction;
      if (prop === "isInTransaction") return () => inTransaction || target.isInTransaction();
      const value = Reflect.get(target, prop, target) as unknown;
      // PGlite's methods use private fields: they must run with the instance itself as `this`.
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { client, stats };
}
