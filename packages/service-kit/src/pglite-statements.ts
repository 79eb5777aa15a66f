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
 * Statements keep PGlite's own path when
 * - they have no parameters (DDL, `begin`, raw one-off statements: nothing to gain from a name);
 * - they have more than `MAX_PREPARED_PARAMETERS` (multi-row inserts and `in (…)` lists have a text per
 *   batch size; postgres.js's path sets the same bound, prepared-client.ts);
 * - the database already holds `MAX_NAMED_STATEMENTS` names (a bound on memory, never reached by the
 *   services' fixed set of statements);
 * - the call carries a blob or its own parameter types or serializers.
 * A named statement whose cached plan PostgreSQL refuses after a schema change (SQLSTATE 0A000
 * "cached plan must not change result type", 26000 "prepared statement does not exist") is dropped
 * and prepared again under a new name: at once outside a transaction; inside one the error aborts the
 * transaction (PGlite's own path, which re-parses every time, would not have failed) and the next run
 * prepares it again. The services never change their schema while running, so this is a safeguard.
 */
import { MAX_PREPARED_PARAMETERS } from "./prepared-client";
import { protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

const { serialize } = protocol;

/** `PGLITE_STATEMENTS`: "named" (the default: this wrapper) or "unnamed" (PGlite's own path, for an A/B); anything else stops the start. */
export function pgliteStatements(env: NodeJS.ProcessEnv = process.env): "named" | "unnamed" {
  const value = env["PGLITE_STATEMENTS"];
  if (value === undefined || value === "") return "named";
  if (value === "named" || value === "unnamed") return value;
  throw new Error(`PGLITE_STATEMENTS must be "named" or "unnamed", got ${JSON.stringify(value)}`);
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
}

/** What this wrapper reads of a PGlite instance beyond its public query API. */
interface PgliteInternals {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _checkReady(): Promise<void>;
}

/** Statistics of one wrapped database: named statements prepared, runs through a name, runs left to PGlite. */
export interface StatementStats {
  prepared: number;
  named: number;
  unnamed: number;
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

type Parser = (value: string, typeId: number) => unknown;
type RowDescription = { fields: { name: string; dataTypeID: number }[] };
type DataRow = { fields: (string | null)[] };

/** The rows affected, from a CommandComplete tag ("INSERT 0 3", "UPDATE 2", "SELECT 5"), as PGlite reads it. */
function affectedRowsOf(tag: string): number {
  const words = tag.split(" ");
  switch (words[0]) {
    case "INSERT":
      return parseInt(words[2]!, 10);
    case "UPDATE":
    case "DELETE":
    case "COPY":
    case "MERGE":
      return parseInt(words[1]!, 10);
    default:
      return 0;
  }
}

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

/** PGlite's transaction control statements, as its transaction() sends them (one simple Query message each), and a bare Sync. */
const CONTROL_MESSAGES = ["BEGIN", "COMMIT", "ROLLBACK"].map((text) => serialize.query(text));
const SYNC_MESSAGE = serialize.sync();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NO_PARSERS: Record<number, Parser> = Object.freeze({});
const cheapControl = new WeakSet<PGlite>();

/**
 * PGlite's transaction() sends BEGIN and COMMIT (or ROLLBACK) through its private exec path, whose result
 * is built by `parseResults`, which first spreads the database's ≈ 316 type parsers into a new object:
 * ≈ 80–250 µs of CPU each, most of an empty transaction's cost (issue 12; three transactions a journey on a
 * shard). These statements answer no rows, so no parser is ever used: while one of them is in flight (its
 * Query message sent, the Sync after it), the database's `parsers` read once gives an empty map. Every
 * other message (any statement's Parse, Bind or Query) ends that state before its own result is parsed,
 * and every read of the parsers happens under PGlite's query mutex, after its statement's messages, so no
 * other result can see the empty map. PGlite's transaction, its mutexes and its private state are unchanged.
 */
function cheapControlStatements(pg: PGlite): void {
  if (cheapControl.has(pg)) return;
  cheapControl.add(pg);
  let parsers = pg.parsers;
  let control = false;
  Object.defineProperty(pg, "parsers", {
    configurable: true,
    enumerable: true,
    get() {
      if (!control) return parsers;
      control = false;
      return NO_PARSERS;
    },
    set(value: typeof parsers) {
      parsers = value;
    },
  });
  const stream = pg.execProtocolStream.bind(pg);
  // An own property: PGlite's private exec path calls `this.execProtocolStream`.
  pg.execProtocolStream = (message: Uint8Array, options?: Parameters<PGlite["execProtocolStream"]>[1]) => {
    if (CONTROL_MESSAGES.some((c) => sameBytes(message, c))) control = true;
    else if (!sameBytes(message, SYNC_MESSAGE)) control = false;
    return stream(message, options);
  };
}

/** The named statements of each database, by text: names are the database's, whoever wraps it. */
const databases = new WeakMap<PGlite, { named: Map<string, Named>; sequence: number }>();

/** `pg` with drizzle's statements run as named prepared statements (see the file's comment); `stats` counts this wrapper's. */
export function withNamedStatements(pg: PGlite): { client: PGlite; stats: StatementStats } {
  const internals = pg as unknown as PgliteInternals;
  cheapControlStatements(pg);
  let database = databases.get(pg);
  if (!database) databases.set(pg, (database = { named: new Map(), sequence: 0 }));
  const { named } = database;
  const state = database;
  const stats: StatementStats = { prepared: 0, named: 0, unnamed: 0 };

  const namable = (params: unknown[] | undefined, options: QueryOptions | undefined): boolean =>
    !!params &&
    params.length > 0 &&
    params.length <= MAX_PREPARED_PARAMETERS &&
    !options?.blob &&
    !options?.paramTypes &&
    !options?.serializers &&
    (named.size < MAX_NAMED_STATEMENTS);

  async function prepare(text: string): Promise<Named> {
    const name = `jg_${(state.sequence += 1)}`;
    const messages = await pg.execProtocolStream(concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]), { syncToFs: false });
    const description = messages.find((m) => m.name === "parameterDescription") as { dataTypeIDs?: number[] } | undefined;
    const statement = { name, paramTypes: description?.dataTypeIDs ?? [], rowDescription: messages.find((m) => m.name === "rowDescription") };
    named.set(text, statement);
    stats.prepared += 1;
    return statement;
  }

  async function runNamed<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean, retried = false): Promise<Results<T>> {
    let messages: Message[];
    let statement: Named | undefined;
    try {
      statement = named.get(text) ?? (await prepare(text));
      const types = statement.paramTypes;
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = pg.serializers[types[i]!];
        return serializer ? serializer(param) : String(param as string);
      });
      messages = await pg.execProtocolStream(concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
    } catch (err) {
      if (statement && stale(err)) {
        // The name stays with PostgreSQL (a Close is not processed in an aborted transaction); a new one is prepared.
        named.delete(text);
        if (!retried && !inTransaction) return runNamed<T>(text, params, options, inTransaction, true);
      }
      throw Object.assign(err as Error, { query: text, params, queryOptions: options });
    }
    stats.named += 1;
    return resultOf<T>(statement.rowDescription, messages, pg.parsers, options);
  }

  // Outside a transaction: wait for any transaction, hold the query mutex, sync as PGlite's query does.
  async function query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    if (!namable(params, options)) {
      stats.unnamed += 1;
      return pg.query<T>(text, params, options);
    }
    await internals._checkReady();
    return internals._runExclusiveTransaction(() =>
      internals._runExclusiveQuery(async () => {
        const result = await runNamed<T>(text, params!, options, false);
        await pg.syncToFs();
        return result;
      }),
    );
  }

  // Inside a transaction: the transaction holds its mutex; each statement holds the query mutex.
  function wrapTransaction(tx: Transaction): Transaction {
    return new Proxy(tx, {
      get(target, prop) {
        if (prop === "query") {
          return async <T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
            if (!namable(params, options)) {
              stats.unnamed += 1;
              return target.query<T>(text, params, options);
            }
            if (target.closed) throw new Error("Transaction is closed");
            return internals._runExclusiveQuery(() => runNamed<T>(text, params!, options, true));
          };
        }
        return Reflect.get(target, prop, target) as unknown;
      },
    });
  }

  const client = new Proxy(pg, {
    get(target, prop) {
      if (prop === "query") return query;
      if (prop === "transaction") return <T>(callback: (tx: Transaction) => Promise<T>) => target.transaction((tx) => callback(wrapTransaction(tx)));
      const value = Reflect.get(target, prop, target) as unknown;
      // PGlite's methods use private fields: they must run with the instance itself as `this`.
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { client, stats };
}
