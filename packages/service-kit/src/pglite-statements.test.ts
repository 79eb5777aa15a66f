/**
 * Named prepared statements on PGlite (pglite-statements.ts): the same answers, errors and locking as
 * PGlite's own `query`, each statement's text prepared once.
 */
import { messages, PGlite, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindExecuteSync, pgliteExchange, rawExchangeOf } from "./pglite-exchange";
import { withNamedStatements } from "./pglite-statements";
import { MAX_PREPARED_PARAMETERS } from "./prepared-client";

// Both ways of reading answers: PGlite's messages (a PGlite created without the extension) and raw exchanges (pglite-exchange.ts).
const setups = [
  { label: "PGlite's messages", create: () => new PGlite(), raw: false },
  { label: "raw exchanges", create: () => new PGlite({ extensions: { jgExchange: pgliteExchange } }), raw: true },
];

/** No transaction is left open on the database: two separate statements get two different transaction ids (`isInTransaction()` of the bare PGlite does not see raw BEGINs). */
async function expectNoTransactionOpen(db: Pick<PGlite, "query">): Promise<void> {
  const xid = async () => (await db.query<{ x: string }>("select txid_current()::text as x")).rows[0]!.x;
  const first = await xid();
  expect(await xid()).not.toBe(first);
}

describe("the Bind buffer of raw exchanges", () => {
  it("keeps no buffer above 1 MiB after a huge parameter", () => {
    const huge = bindExecuteSync(undefined, "jg_x", ["a".repeat(2 * 1024 * 1024)])!;
    expect(huge.length).toBeGreaterThan(2 * 1024 * 1024);
    const small = bindExecuteSync(undefined, "jg_x", ["b"])!;
    expect(small.buffer.byteLength).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.from(small).includes("jg_x")).toBe(true);
  });
});

describe.each(setups)("named statements on PGlite, $label", ({ create, raw }) => {
  let pg: PGlite;

  beforeAll(async () => {
    pg = create();
    await pg.exec(`
      create table items (id text primary key, n int not null, price numeric(10, 2), tags text[], doc jsonb, at timestamptz, day date, ok boolean);
      insert into items values ('a', 1, 12.50, '{x,y}', '{"k": [1, 2]}', '2026-12-05T10:00:00Z', '2026-12-05', true), ('b', 2, null, '{}', null, null, null, false);
    `);
  });
  afterAll(async () => {
    await pg.close();
  });

  // As drizzle passes them: timestamps and dates stay strings.
  const drizzleLike = { parsers: { [types.TIMESTAMPTZ]: (v: string) => v, [types.DATE]: (v: string) => v } };

  describe("named statements", () => {
    it("answer as PGlite's own query does, in both row modes, with the caller's parsers", async () => {
      const { client } = withNamedStatements(pg);
      const text = "select id, n, price, tags, doc, at, day, ok from items where id = any($1::text[]) and n >= $2 order by id";
      for (const options of [{ ...drizzleLike, rowMode: "array" as const }, { rowMode: "object" as const }, undefined]) {
        const own = await pg.query(text, [["a", "b"], 0], options);
        const named = await client.query(text, [["a", "b"], 0], options);
        expect(named.rows).toEqual(own.rows);
        expect(named.fields).toEqual(own.fields);
        expect(named.rows).toHaveLength(2);
      }
    });

    it("prepare each text once and run it by name afterwards", async () => {
      const { client, stats } = withNamedStatements(pg);
      for (const id of ["a", "b", "a"]) await client.query("select n from items where id = $1", [id]);
      expect(stats).toEqual({ prepared: 1, named: 3, unnamed: 0, exchanges: 4 });
      const rows = (await client.query<{ n: number }>("select n from items where id = $1", ["b"])).rows;
      expect(rows).toEqual([{ n: 2 }]);
      expect(stats.prepared).toBe(1);
    });

    it("report affected rows of writes and serialize parameters by the statement's types", async () => {
      const { client } = withNamedStatements(pg);
      const inserted = await client.query("insert into items (id, n, doc, at, tags) values ($1, $2, $3, $4, $5)", ["c", 3, { deep: { v: 1 } }, new Date("2026-01-02T03:04:05Z"), ["p", "q"]]);
      expect(inserted.affectedRows).toBe(1);
      const row = (await pg.query<{ doc: unknown; at: Date; tags: string[] }>("select doc, at, tags from items where id = 'c'")).rows[0]!;
      expect(row.doc).toEqual({ deep: { v: 1 } });
      expect(row.at.toISOString()).toBe("2026-01-02T03:04:05.000Z");
      expect(row.tags).toEqual(["p", "q"]);
      const updated = await client.query("update items set n = n + $1 where id in ($2, $3)", [10, "c", "missing"]);
      expect(updated.affectedRows).toBe(1);
      await client.query("delete from items where id = $1", ["c"]);
    });

    it("run statements without parameters, or with too many, unnamed, answering as PGlite's own query", async () => {
      const { client, stats } = withNamedStatements(pg);
      const all = "select id, n, price, tags, doc, at, day, ok from items order by id";
      for (const options of [{ ...drizzleLike, rowMode: "array" as const }, undefined]) expect(await client.query(all, [], options)).toEqual(await pg.query(all, [], options));
      const many = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => (i === 0 ? "a" : `id${i}`));
      const text = `select id, n from items where id in (${many.map((_, i) => `$${i + 1}`).join(", ")})`;
      const res = await client.query(text, many);
      expect(res).toEqual(await pg.query(text, many));
      expect(res.rows).toEqual([{ id: "a", n: 1 }]);
      expect(stats).toEqual({ prepared: 0, named: 0, unnamed: 3, exchanges: 6 });
    });

    it("raise PostgreSQL's error with its SQLSTATE and the statement, and go on working after it", async () => {
      const { client } = withNamedStatements(pg);
      const err = await client.query("insert into items (id, n) values ($1, $2)", ["a", 9]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "23505", query: "insert into items (id, n) values ($1, $2)", params: ["a", 9] });
      const syntax = await client.query("select nope from items where id = $1", ["a"]).catch((e: unknown) => e);
      expect(syntax).toMatchObject({ code: "42703" });
      expect((await client.query("select n from items where id = $1", ["a"])).rows).toEqual([{ n: 1 }]);
    });

    it("roll a transaction back on an error inside it, named statements included", async () => {
      const { client, stats } = withNamedStatements(pg);
      const failed = await client
        .transaction(async (tx) => {
          await tx.query("update items set n = $1 where id = $2", [100, "a"]);
          await tx.query("insert into items (id, n) values ($1, $2)", ["b", 1]); // duplicate key
        })
        .catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: "23505" });
      expect(stats.named).toBeGreaterThanOrEqual(1);
      expect((await pg.query("select n from items where id = 'a'")).rows).toEqual([{ n: 1 }]);
      await client.transaction(async (tx) => {
        await tx.query("update items set n = $1 where id = $2", [5, "a"]);
      });
      expect((await pg.query("select n from items where id = 'a'")).rows).toEqual([{ n: 5 }]);
      await pg.query("update items set n = 1 where id = 'a'");
    });

    it("keep a statement outside a transaction waiting until the transaction ends", async () => {
      const { client } = withNamedStatements(pg);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const order: string[] = [];
      const tx = client.transaction(async (t) => {
        await t.query("update items set n = $1 where id = $2", [42, "b"]);
        await held;
        order.push("commit");
      });
      await new Promise((r) => setTimeout(r, 10));
      const outside = client.query<{ n: number }>("select n from items where id = $1", ["b"]).then((r) => {
        order.push("read");
        return r.rows[0]!.n;
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(order).toEqual([]);
      release();
      await tx;
      expect(await outside).toBe(42);
      expect(order).toEqual(["commit", "read"]);
      await pg.query("update items set n = 2 where id = 'b'");
    });

    it("prepare a statement again when a schema change invalidates its cached plan", async () => {
      await pg.exec("create table shapes (id text primary key, a int)");
      await pg.query("insert into shapes values ('s', 1)");
      const { client, stats } = withNamedStatements(pg);
      expect((await client.query("select * from shapes where id = $1", ["s"])).rows).toEqual([{ id: "s", a: 1 }]);
      await pg.exec("alter table shapes add column b text default 'new'");
      expect((await client.query("select * from shapes where id = $1", ["s"])).rows).toEqual([{ id: "s", a: 1, b: "new" }]);
      expect(stats.prepared).toBe(2);
    });

    it("keep PGlite's transaction contract: commit, rollback(), a closed transaction, unnamed statements and exec inside", async () => {
      const { client } = withNamedStatements(pg);
      const many = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => (i === 0 ? "b" : `id${i}`));
      let kept: Awaited<Parameters<Parameters<typeof client.transaction>[0]>[0]> | undefined;
      const seen = await client.transaction(async (tx) => {
        kept = tx;
        expect(client.isInTransaction()).toBe(true);
        await tx.query("update items set n = $1 where id = $2", [7, "a"]);
        await tx.exec("update items set n = n + 1 where id = 'a'; update items set n = n + 1 where id = 'a'");
        const inside = await tx.query<{ n: number }>(`select n from items where id in (${many.map((_, i) => `$${i + 1}`).join(", ")})`, many);
        const viaSql = await tx.sql<{ n: number }>`select n from items where id = ${"a"}`;
        return { inside: inside.rows, viaSql: viaSql.rows };
      });
      expect(seen).toEqual({ inside: [{ n: 2 }], viaSql: [{ n: 9 }] });
      await expectNoTransactionOpen(pg);
      expect(client.isInTransaction()).toBe(false);
      expect(kept!.closed).toBe(true);
      await expect(kept!.query("select 1 where 1 = $1", [1])).rejects.toThrow(/closed/);
      expect((await pg.query("select n from items where id = 'a'")).rows).toEqual([{ n: 9 }]);

      const after = await client.transaction(async (tx) => {
        await tx.query("update items set n = $1 where id = $2", [100, "a"]);
        await tx.rollback();
        return tx.closed;
      });
      expect(after).toBe(true);
      await expectNoTransactionOpen(pg);
      expect((await pg.query("select n from items where id = 'a'")).rows).toEqual([{ n: 9 }]);

      const thrown = await client.transaction(async (tx) => {
        await tx.query(`update items set n = n + 50 where id in (${many.map((_, i) => `$${i + 1}`).join(", ")})`, many);
        throw new Error("callback failed");
      }).catch((e: unknown) => e);
      expect(thrown).toMatchObject({ message: "callback failed" });
      await expectNoTransactionOpen(client);
      expect((await pg.query("select n from items where id = 'b'")).rows).toEqual([{ n: 2 }]);
      await pg.query("update items set n = 1 where id = 'a'");
    });

    it("read answers raw exactly when PGlite was created with the extension, also when wrapped before it is ready", async () => {
      expect(rawExchangeOf(pg) !== undefined).toBe(raw);
      const early = create();
      const { client, stats } = withNamedStatements(early);
      expect((await client.query<{ one: number }>("select $1::int as one", [1])).rows).toEqual([{ one: 1 }]);
      expect(stats.exchanges).toBe(2);
      expect(rawExchangeOf(early) !== undefined).toBe(raw);
      // The bare PGlite sees the BEGIN tag only when it parsed the answer itself.
      const bare = await client.transaction(async (tx) => {
        await tx.query("select $1::int as one", [1]);
        return early.isInTransaction();
      });
      expect(bare).toBe(!raw);
      await early.close();
    });

    it("answer NULL, empty, non-ASCII, array and json values as PGlite's own query does", async () => {
      const { client } = withNamedStatements(pg);
      await pg.exec("create table if not exists odd (id text primary key, t text, a int[], j json, b bytea)");
      await pg.query("insert into odd values ('x', '', '{1,NULL,3}', '[{\"重庆\": null}]', '\\x00ff'), ('y', null, null, null, null), ('z', '川A·12345 ✓', '{}', '\"s\"', '')");
      const text = "select id, t, a, j, b from odd where id = any($1::text[]) order by id";
      for (const options of [{ ...drizzleLike, rowMode: "array" as const }, { rowMode: "object" as const }, undefined]) {
        const own = await pg.query(text, [["x", "y", "z"]], options);
        const named = await client.query(text, [["x", "y", "z"]], options);
        expect(named.rows).toEqual(own.rows);
        expect(named.fields).toEqual(own.fields);
        expect(named.affectedRows).toBe(own.affectedRows);
      }
      // Parameters as written into the Bind: multi-byte text, NULL, bytea, numbers, an empty string.
      const echo = "select $1::text as a, $2::text as b, $3::bytea as c, $4::int as d, $5::text as e, $6::jsonb as f";
      const params = ["重庆 川A·12345 ✓ 😀", null, new Uint8Array([0, 1, 255]), 5, "", { k: ["v", null] }];
      expect((await client.query(echo, params)).rows).toEqual((await pg.query(echo, params)).rows);
      const none = await client.query("select id from odd where id = $1", ["none"]);
      expect(none.rows).toEqual([]);
      expect(none.fields).toEqual([{ name: "id", dataTypeID: types.TEXT }]);
    });

    it("raise the error with the fields PGlite's own query gives it", async () => {
      const { client } = withNamedStatements(pg);
      const keys = ["message", "severity", "code", "detail", "hint", "position", "where", "schema", "table", "column", "dataType", "constraint", "routine", "length", "name"] as const;
      for (const [text, params] of [
        ["insert into items (id, n) values ($1, $2)", ["a", 9]],
        ["insert into items (id, n) values ($1, $2)", ["q", null]],
        ["select n / $1::int from items where id = 'a'", [0]],
        ["select nope from items where id = $1", ["a"]],
      ] as [string, unknown[]][]) {
        const own = (await pg.query(text, params).catch((e: unknown) => e)) as Record<string, unknown>;
        const named = (await client.query(text, params).catch((e: unknown) => e)) as Record<string, unknown>;
        expect(named).toBeInstanceOf(messages.DatabaseError);
        expect(Object.fromEntries(keys.map((k) => [k, named[k]]))).toEqual(Object.fromEntries(keys.map((k) => [k, own[k]])));
        expect(named).toMatchObject({ query: text, params });
      }
    });

    it("send a transaction's BEGIN with its first statement, and none for an empty transaction", async () => {
      const { client, stats } = withNamedStatements(pg);
      const read = "select n, txid_current()::text as xid from items where id = $1";
      const write = "update items set n = n where id = $1";
      await client.query(read, ["a"]);
      await client.query(write, ["a"]);
      const before = stats.exchanges;
      const seen = await client.transaction(async (tx) => {
        const first = (await tx.query<{ n: number; xid: string }>(read, ["a"])).rows;
        await tx.query(write, ["a"]);
        const third = (await tx.query<{ xid: string }>("select txid_current()::text as xid where $1::int = 1", [1])).rows[0]!;
        return { first: first.map((r) => r.n), same: first[0]!.xid === third.xid };
      });
      // One transaction: the first and the third statement see the same transaction id.
      expect(seen).toEqual({ first: [1], same: true });
      // The third statement is prepared (one exchange): 3 runs + 1 prepare + COMMIT.
      expect(stats.exchanges - before).toBe(5);
      const empty = stats.exchanges;
      expect(await client.transaction(async () => "nothing")).toBe("nothing");
      await client.transaction(async (tx) => tx.rollback());
      expect(stats.exchanges).toBe(empty);
      expect(client.isInTransaction()).toBe(false);
      await expectNoTransactionOpen(client);
    });

    it("leave no transaction behind when the statement sent with BEGIN fails", async () => {
      const { client } = withNamedStatements(pg);
      await client.query("update items set n = n where id = $1", ["a"]);
      const failed = await client
        .transaction(async (tx) => {
          await tx.query("insert into items (id, n) values ($1, $2)", ["a", 1]); // duplicate key, sent with BEGIN
        })
        .catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: "23505", constraint: "items_pkey" });
      const caught = await client.transaction(async (tx) => {
        const err = await tx.query("insert into items (id, n) values ($1, $2)", ["a", 1]).catch((e: unknown) => e);
        // The transaction is aborted: PostgreSQL refuses what follows until the rollback.
        const next = await tx.query("select n from items where id = $1", ["a"]).catch((e: unknown) => e);
        return { err, next };
      });
      // COMMIT of the aborted transaction rolls it back.
      expect(caught).toMatchObject({ err: { code: "23505" }, next: { code: "25P02" } });
      await expectNoTransactionOpen(client);
      // A first statement that fails at its Parse (BEGIN was sent before it) is rolled back too.
      await expect(client.transaction((tx) => tx.query("select nope from items where id = $1", ["a"]))).rejects.toMatchObject({ code: "42703" });
      await expectNoTransactionOpen(client);
      expect((await client.query<{ n: number }>("select n from items where id = $1", ["a"])).rows).toEqual([{ n: 1 }]);
      const done = await client.transaction(async (tx) => {
        await tx.query("update items set n = $1 where id = $2", [3, "a"]);
        return (await tx.query<{ n: number }>("select n from items where id = $1", ["a"])).rows;
      });
      expect(done).toEqual([{ n: 3 }]);
      await pg.query("update items set n = 1 where id = 'a'");
      await expectNoTransactionOpen(pg);
    });

    it("abort a transaction whose first statement fails at Parse, as PGlite's own transaction does", async () => {
      const { client } = withNamedStatements(pg);
      const attempt = (db: Pick<PGlite, "transaction">, column: string) =>
        db.transaction(async (tx) => {
          // A text not prepared yet on this database, failing at Parse; the callback goes on.
          const first = await tx.query(`select ${column} from items where id = $1`, ["a"]).catch((e: { code?: string }) => e.code);
          const second = await tx.query("update items set n = $1 where id = $2", [77, "a"]).then(
            () => "ok",
            (e: { code?: string }) => e.code,
          );
          return { first, second };
        });
      const own = await attempt(pg, "nope_own");
      expect(own).toEqual({ first: "42703", second: "25P02" });
      expect(await attempt(client, "nope_wrapped")).toEqual(own);
      expect((await pg.query("select n from items where id = 'a'")).rows).toEqual([{ n: 1 }]);
      await expectNoTransactionOpen(client);
    });

    it("answer over 64 KB and over 1 MiB, and a parameter over 16 KB, as PGlite's own query does", async () => {
      const { client } = withNamedStatements(pg);
      const text = "select i, repeat(chr(19982 + i % 7), $2::int) as t from generate_series(1, $1::int) i";
      for (const [count, width] of [[2000, 40], [3000, 200]] as const) {
        for (const options of [{ rowMode: "array" as const }, undefined]) {
          const own = await pg.query(text, [count, width], options);
          const named = await client.query(text, [count, width], options);
          expect(named.rows).toHaveLength(count);
          expect(named.rows).toEqual(own.rows);
        }
      }
      if (raw) expect(rawExchangeOf(pg)!.buffered).toBeLessThanOrEqual(1024 * 1024);
      const echo = "select $1::text as a, length($1::text) as n, $2::text as b";
      for (const big of ["重".repeat(9000), "x".repeat(40 * 1024), "y".repeat(20)]) {
        const named = await client.query(echo, [big, "after"]);
        expect(named.rows).toEqual((await pg.query(echo, [big, "after"])).rows);
        expect(named.rows).toEqual([{ a: big, n: big.length, b: "after" }]);
      }
    });

    it("raise an error that comes after rows in the same answer, keep no big buffer, and go on", async () => {
      const { client } = withNamedStatements(pg);
      const text = "select 1 / (i - $1) as q, repeat('z', 1000) as z from generate_series(1, 3000) i";
      const own = (await pg.query(text, [2900]).catch((e: unknown) => e)) as Record<string, unknown>;
      const named = (await client.query(text, [2900]).catch((e: unknown) => e)) as Record<string, unknown>;
      expect(own).toMatchObject({ code: "22012" });
      expect(named).toBeInstanceOf(messages.DatabaseError);
      expect(named).toMatchObject({ code: own["code"], message: own["message"], query: text, params: [2900] });
      // The ≈ 3 MB answer's buffer is not kept after the error.
      if (raw) expect(rawExchangeOf(pg)!.buffered).toBeLessThanOrEqual(1024 * 1024);
      expect((await client.query<{ q: number }>(text.replace("3000", "3"), [9])).rows.map((r) => r.q)).toEqual([0, 0, 0]);
    });

    it("deliver notifications to listeners registered on the bare PGlite or through another wrapper", async () => {
      const db = create();
      const { client } = withNamedStatements(db);
      await client.query("select $1::int", [1]); // the raw exchange is known before any listener
      const heard: string[] = [];
      await db.listen("jg_channel", (payload) => heard.push(`listen ${payload}`));
      const other = withNamedStatements(db).client;
      await other.listen("jg_other", (payload) => heard.push(`other ${payload}`));
      db.onNotification((channel, payload) => heard.push(`any ${channel} ${payload}`));
      await client.query("select pg_notify($1, $2)", ["jg_channel", "one"]);
      await client.transaction(async (tx) => {
        await tx.query("select pg_notify($1, $2)", ["jg_other", "two"]);
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(heard.sort()).toEqual(["any jg_channel one", "any jg_other two", "listen one", "other two"]);
      await db.close();
    });

    it("keep two PGlite databases apart when their statements interleave", async () => {
      const dbs = [create(), create()];
      const clients = dbs.map((db) => withNamedStatements(db).client);
      await Promise.all(dbs.map((db, d) => db.exec(`create table t (k int primary key, v text); insert into t values (0, 'db${d}')`)));
      const runs: Promise<unknown>[] = [];
      for (let i = 1; i <= 40; i++) {
        clients.forEach((client, d) => {
          const value = `${d}:${i}:${"v".repeat(i % 5 === 0 ? 20 * 1024 : 3)}`;
          runs.push(client.query<{ v: string; db: string }>("select $1::text as v, (select v from t where k = 0) as db", [value]).then((r) => expect(r.rows).toEqual([{ v: value, db: `db${d}` }])));
          runs.push(
            client.transaction(async (tx) => {
              await tx.query("insert into t values ($1, $2)", [i, value]);
              return (await tx.query<{ v: string }>("select v from t where k = $1", [i])).rows;
            }).then((rows) => expect(rows).toEqual([{ v: value }])),
          );
        });
      }
      await Promise.all(runs);
      for (const [d, db] of dbs.entries()) {
        const rows = (await db.query<{ n: number; mine: number }>(`select count(*)::int as n, count(*) filter (where v like '${d}:%')::int as mine from t where k > 0`)).rows;
        expect(rows).toEqual([{ n: 40, mine: 40 }]);
        await expectNoTransactionOpen(db);
        await db.close();
      }
    });

    it("serve PGlite's other methods from the instance itself", async () => {
      const { client } = withNamedStatements(pg);
      expect((await client.exec("select 1 as one"))[0]!.rows).toEqual([{ one: 1 }]);
      expect(client.closed).toBe(false);
    });

    it("build no copy of the database's parsers for any statement, BEGIN, COMMIT and ROLLBACK included", async () => {
      const { client } = withNamedStatements(pg);
      // Count the spreads of the parsers (a spread asks for the object's own keys).
      let spreads = 0;
      const real = pg.parsers;
      pg.parsers = new Proxy(real, {
        ownKeys(target) {
          spreads += 1;
          return Reflect.ownKeys(target);
        },
      });
      try {
        await client.transaction(async (tx) => {
          expect((await tx.query<{ n: number }>("select n from items where id = $1", ["a"])).rows).toEqual([{ n: 1 }]);
        });
        await expect(
          client.transaction(async (tx) => {
            await tx.query("update items set n = 99 where id = $1", ["a"]);
            throw new Error("roll back");
          }),
        ).rejects.toThrow("roll back");
        // Rolled back; and statements without parameters (the unnamed path) parse their results without a copy too.
        const own = await client.query<{ n: number; doc: unknown; ok: boolean }>("select n, doc, ok from items where id = 'a'");
        expect(own.rows).toEqual([{ n: 1, doc: { k: [1, 2] }, ok: true }]);
        const tx = await client.transaction(async (t) => (await t.query<{ n: number }>("select n from items where id = 'a'")).rows);
        expect(tx).toEqual([{ n: 1 }]);
        expect(spreads).toBe(0);
      } finally {
        pg.parsers = real;
      }
    });
  });
});
