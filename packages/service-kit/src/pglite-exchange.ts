/**
 * One protocol exchange with PGlite's WebAssembly PostgreSQL, its answer read as raw bytes (issue 12,
 * the load's CPU per journey; used by pglite-statements.ts). PGlite's own `execProtocolStream` feeds
 * every chunk PostgreSQL writes through its generic protocol parser — a copy of the chunk's
 * ArrayBuffer, a merge buffer, a message object per message, and for every DataRow value an
 * ArrayBuffer slice and a TextDecoder call — even when the caller then reads only the rows: a load
 * profile of Chongqing had ≈ 1.5 s of a 20 s window in that JavaScript. Here the answer is copied once
 * into a reused buffer and read directly: DataRow values to strings (`utf8Slice`), the CommandComplete
 * tag, an ErrorResponse to PGlite's `DatabaseError` with the same fields; everything else
 * (BindComplete, NoticeResponse — PGlite too ignores notices unless asked —, ParameterStatus,
 * ReadyForQuery) is skipped.
 *
 * PGlite offers no way to bypass its parser (even `execProtocolRaw` parses), so this swaps the read and
 * write callbacks PostgreSQL calls for the duration of one `_interactive_one` and puts PGlite's back
 * afterwards (also when it throws). PGlite keeps its callbacks' table indices private: the
 * `pgliteExchange` extension, given to PGlite's constructor, records them when PGlite registers them
 * (`_set_read_write_cbs`). A PGlite created without it has no raw exchange (`rawExchangeOf` → undefined)
 * and pglite-statements.ts keeps `execProtocolStream`.
 *
 * What PGlite's `#parse` does for its own exchanges and a raw exchange does not: it follows BEGIN /
 * COMMIT / ROLLBACK tags for `isInTransaction()` (the wrapped client answers it for its transactions,
 * pglite-statements.ts), and it calls LISTEN listeners on a NotificationResponse. So the extension
 * marks an instance as soon as anything registers a listener on it (`listen`, `onNotification`, by
 * whatever wrapper or on the bare PGlite), and from then on `listenedTo` is true and every answer is
 * read by PGlite's parser (the services never LISTEN).
 *
 * Coupled to PGlite's internals (`pg.mod`, `_set_read_write_cbs`, `_interactive_one`, the callbacks'
 * signatures) as of the pinned 0.3.15: a PGlite upgrade needs this file checked again (the tests check
 * that the hook still records, `rawExchangeOf(pg) !== undefined`).
 */
import { messages, type Extension, type PGlite } from "@electric-sql/pglite";

/** What a raw exchange needs of PGlite's Emscripten module (`pg.mod`, protected). */
interface Mod {
  HEAPU8: Uint8Array;
  addFunction(fn: (a: number, b: number) => number, signature: string): number;
  _set_read_write_cbs(read: number, write: number): void;
  _interactive_one(length: number, peek: number): void;
}

/** PGlite's own read and write callbacks (table indices), by instance, recorded by `pgliteExchange`. */
const pgliteCallbacks = new WeakMap<object, { read: number; write: number }>();

/** Instances on which a notification listener was registered (see the file's comment). */
const listened = new WeakSet<object>();

/** Whether a notification listener was ever registered on `pg` (created with `pgliteExchange`): its answers must then go through PGlite's parser. */
export function listenedTo(pg: PGlite): boolean {
  return listened.has(pg);
}

/**
 * A PGlite extension (`new PGlite({ extensions: { jgExchange: pgliteExchange } })`) that records the
 * read/write callbacks PGlite hands to PostgreSQL, so that `rawExchangeOf` can put them back after its
 * own, and marks the instance when a notification listener is registered on it (`listenedTo`). It
 * registers nothing with PostgreSQL and loads no bundle.
 */
export const pgliteExchange: Extension = {
  name: "jg-exchange",
  setup: async (pg, emscriptenOpts: Record<string, unknown>) => {
    // Own properties in front of PGlite's methods: whoever registers a listener, the instance is marked first.
    const methods = pg as unknown as Record<"listen" | "onNotification", (...args: unknown[]) => unknown>;
    for (const method of ["listen", "onNotification"] as const) {
      const theirs = methods[method];
      methods[method] = (...args: unknown[]) => {
        listened.add(pg);
        return theirs.apply(pg, args);
      };
    }
    let real: ((read: number, write: number) => void) | undefined;
    // The Emscripten module is this options object (`Module = moduleArg`): it assigns its export here.
    Object.defineProperty(emscriptenOpts, "_set_read_write_cbs", {
      configurable: true,
      enumerable: true,
      get: () => (read: number, write: number) => {
        if (!pgliteCallbacks.has(pg)) pgliteCallbacks.set(pg, { read, write });
        real!(read, write);
      },
      set: (value: (read: number, write: number) => void) => {
        real = value;
      },
    });
    return { emscriptenOpts };
  },
};

export type Parser = (value: string, typeId: number) => unknown;

/** How to build rows from an answer's DataRows: the statement's fields and each one's parser (or none). */
export interface RowShape {
  names: string[];
  typeIds: number[];
  parsers: (Parser | undefined)[];
  arrays: boolean;
}

/** What one exchange answered: its rows (built per `RowShape`), the rows affected by its CommandCompletes. */
interface Answer {
  rows: unknown[];
  affectedRows: number;
}

/** The rows affected, from a CommandComplete tag ("INSERT 0 3", "UPDATE 2", "SELECT 5"), as PGlite reads it. */
export function affectedRowsOf(tag: string): number {
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

/** The ErrorResponse at `body` (its fields, to the terminating zero) as PGlite's parser builds it. */
function databaseError(b: Buffer, body: number, end: number, length: number): messages.DatabaseError {
  const fields: Record<string, string> = {};
  let at = body;
  while (at < end && b[at] !== 0) {
    const type = String.fromCharCode(b[at]!);
    const stop = b.indexOf(0, at + 1);
    fields[type] = b.toString("utf8", at + 1, stop);
    at = stop + 1;
  }
  const error = new messages.DatabaseError(fields["M"]!, length, "error");
  error.severity = fields["S"];
  error.code = fields["C"];
  error.detail = fields["D"];
  error.hint = fields["H"];
  error.position = fields["P"];
  error.internalPosition = fields["p"];
  error.internalQuery = fields["q"];
  error.where = fields["W"];
  error.schema = fields["s"];
  error.table = fields["t"];
  error.column = fields["c"];
  error.dataType = fields["d"];
  error.constraint = fields["n"];
  error.file = fields["F"];
  error.line = fields["L"];
  error.routine = fields["R"];
  return error;
}

/**
 * Reads an answer: rows from DataRows (values as UTF-8 strings, NULL as null, each through its parser),
 * affected rows from CommandComplete tags. The first ErrorResponse is thrown after the whole answer is
 * read, as PGlite's `execProtocolStream` throws its first `DatabaseError`.
 */
function readAnswer(b: Buffer, length: number, shape: RowShape | undefined): Answer {
  const rows: unknown[] = [];
  let affectedRows = 0;
  let error: messages.DatabaseError | undefined;
  let at = 0;
  while (at + 5 <= length) {
    const code = b[at]!;
    const size = b.readInt32BE(at + 1);
    const body = at + 5;
    const end = at + 1 + size;
    if (error === undefined) {
      if (code === 0x44 /* D: DataRow */) {
        let p = body + 2;
        const count = b.readInt16BE(body);
        if (shape === undefined || shape.arrays) {
          const row = new Array<unknown>(count);
          for (let i = 0; i < count; i++) {
            const n = b.readInt32BE(p);
            p += 4;
            if (n < 0) {
              row[i] = null;
            } else {
              const v = b.toString("utf8", p, p + n);
              p += n;
              const parse = shape?.parsers[i];
              row[i] = parse ? parse(v, shape!.typeIds[i]!) : v;
            }
          }
          rows.push(row);
        } else {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < count; i++) {
            const n = b.readInt32BE(p);
            p += 4;
            if (n < 0) {
              row[shape.names[i]!] = null;
            } else {
              const v = b.toString("utf8", p, p + n);
              p += n;
              const parse = shape.parsers[i];
              row[shape.names[i]!] = parse ? parse(v, shape.typeIds[i]!) : v;
            }
          }
          rows.push(row);
        }
      } else if (code === 0x43 /* C: CommandComplete */) {
        affectedRows += affectedRowsOf(b.toString("utf8", body, end - 1));
      } else if (code === 0x45 /* E: ErrorResponse */) {
        error = databaseError(b, body, end, size);
      }
    }
    at = end;
  }
  if (error) throw error;
  return { rows, affectedRows };
}

/** The reused Bind buffer grows up to this size; a larger message gets a buffer of its own. */
const SCRATCH_MAX = 1024 * 1024;
let scratch = Buffer.allocUnsafe(16 * 1024);
const EXECUTE_SYNC = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0x53, 0, 0, 0, 4]);

/**
 * Bind (unnamed portal, `statement`, text `values`, text results) + Execute + Sync, after `ahead` (other
 * frontend messages, e.g. a BEGIN), written into one reused buffer (up to 1 MiB; a larger message, in a
 * buffer of its own, is not kept): the returned view is valid until the next call (an exchange reads
 * it at once). pg-protocol's `serialize.bind` allocates and copies
 * two 256-byte buffers a call. Undefined when a value is not a string or null (the caller then uses
 * `serialize.bind`).
 */
export function bindExecuteSync(ahead: Uint8Array | undefined, statement: string, values: unknown[]): Uint8Array | undefined {
  let size = (ahead?.length ?? 0) + 1 + 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2 + 2 + EXECUTE_SYNC.length;
  for (const v of values) {
    if (v === null) size += 4;
    else if (typeof v === "string") size += 4 + v.length * 3; // at most 3 bytes a UTF-16 unit
    else return undefined;
  }
  let b = scratch;
  if (size > SCRATCH_MAX) b = Buffer.allocUnsafe(size);
  else if (size > scratch.length) b = scratch = Buffer.allocUnsafe(Math.min(Math.max(size, scratch.length * 2), SCRATCH_MAX));
  let at = 0;
  if (ahead) {
    b.set(ahead, 0);
    at = ahead.length;
  }
  const start = at;
  b[at] = 0x42; // B
  at += 5;
  b[at++] = 0; // the unnamed portal
  at += b.write(statement, at);
  b[at++] = 0;
  at = b.writeInt16BE(0, at); // no parameter format codes: all text
  at = b.writeInt16BE(values.length, at);
  for (const v of values) {
    if (v === null) {
      at = b.writeInt32BE(-1, at);
    } else {
      const n = b.write(v as string, at + 4);
      b.writeInt32BE(n, at);
      at += 4 + n;
    }
  }
  at = b.writeInt16BE(0, at); // no result format codes: all text
  b.writeInt32BE(at - start - 1, start + 1);
  b.set(EXECUTE_SYNC, at);
  at += EXECUTE_SYNC.length;
  return b.subarray(0, at);
}

/**
 * Runs one exchange (a buffer of frontend messages ending in Sync or a Query) and reads its answer;
 * `buffered`: the size of its answer buffer between exchanges (for tests).
 */
export type RawExchange = ((message: Uint8Array, shape: RowShape | undefined) => Answer) & { readonly buffered: number };

const exchanges = new WeakMap<object, RawExchange>();
const EMPTY = new Uint8Array(0);

/** The raw exchange of `pg`, if it was created with the `pgliteExchange` extension (see the file's comment). */
export function rawExchangeOf(pg: PGlite): RawExchange | undefined {
  const known = exchanges.get(pg);
  if (known) return known;
  const theirs = pgliteCallbacks.get(pg);
  const mod = (pg as unknown as { mod?: Mod }).mod;
  if (!theirs || !mod) return undefined;

  let input: Uint8Array = EMPTY;
  let inputAt = 0;
  let answer = Buffer.allocUnsafe(64 * 1024);
  let answerLength = 0;
  // PostgreSQL reads the frontend messages: the same copy as PGlite's read callback.
  const read = mod.addFunction((ptr: number, max: number) => {
    let n = input.length - inputAt;
    if (n > max) n = max;
    mod.HEAPU8.set(input.subarray(inputAt, inputAt + n), ptr);
    inputAt += n;
    return n;
  }, "iii");
  // PostgreSQL writes its answer: appended to one reused buffer (grown when needed), read after the call.
  const write = mod.addFunction((ptr: number, length: number) => {
    const needed = answerLength + length;
    if (needed > answer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, answer.length * 2));
      answer.copy(grown, 0, 0, answerLength);
      answer = grown;
    }
    answer.set(mod.HEAPU8.subarray(ptr, ptr + length), answerLength);
    answerLength = needed;
    return length;
  }, "iii");

  const exchange = ((message: Uint8Array, shape: RowShape | undefined): Answer => {
    input = message;
    inputAt = 0;
    answerLength = 0;
    mod._set_read_write_cbs(read, write);
    try {
      mod._interactive_one(message.length, message[0]!);
    } finally {
      mod._set_read_write_cbs(theirs.read, theirs.write);
      input = EMPTY;
    }
    try {
      return readAnswer(answer, answerLength, shape);
    } finally {
      // A large answer's buffer is not kept, an error's neither.
      if (answer.length > 1024 * 1024) answer = Buffer.allocUnsafe(64 * 1024);
    }
  }) as RawExchange;
  Object.defineProperty(exchange, "buffered", { get: () => answer.length });
  exchanges.set(pg, exchange);
  return exchange;
}
