import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { integer, PgDialect, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { inTransaction, placeholdersFor, preparedInTransaction, preparedOnce, preparedSql, textArray, typedPlaceholder } from "./prepared-reads";
import { rowsOf } from "./rows";
import { testEngines } from "./testing";

const things = pgTable("things", { id: integer("id").primaryKey(), name: text("name").notNull() });
const migrationsFolder = fileURLToPath(new URL("../test/fixture-migrations", import.meta.url));

describe("placeholdersFor", () => {
  it("names a placeholder after each column given, and refuses a column the table lacks", () => {
    const values = placeholdersFor(things, ["id", "name"]);
    expect(Object.keys(values)).toEqual(["id", "name"]);
    expect(values.id.name).toBe("id");
    expect(values.name.name).toBe("name");
    // @ts-expect-error -- a misspelt column does not compile
    expect(() => placeholdersFor(things, ["nmae"])).toThrow(/nmae is not a column/);
    // @ts-expect-error -- nor does a name that is only on Object.prototype
    expect(() => placeholdersFor(things, ["toString"])).toThrow(/toString is not a column/);
  });
});

describe("typedPlaceholder", () => {
  it("is the named placeholder cast to the type given, the type written into the text", () => {
    const query = new PgDialect().sqlToQuery(sql`select ${typedPlaceholder("at", "timestamptz")}, ${typedPlaceholder("ids", "text[]")}`);
    expect(query.sql).toBe("select $1::timestamptz, $2::text[]");
    expect(query.params.map((p) => (p as { name: string }).name)).toEqual(["at", "ids"]);
  });
});

for (const engine of testEngines()) {
  describe(`prepared statements on ${engine.name}`, () => {
    afterAll(() => engine.cleanup());

    it("builds a statement once per database handle", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        let builds = 0;
        const read = () =>
          preparedOnce(database.db, "thing_by_id", (db) => {
            builds += 1;
            return db.select().from(things).where(sql`${things.id} = ${sql.placeholder("id")}`).prepare("thing_by_id");
          });
        await database.db.insert(things).values([{ id: 1, name: "a" }, { id: 2, name: "b" }]);
        expect(await read().execute({ id: 2 })).toEqual([{ id: 2, name: "b" }]);
        expect(await read().execute({ id: 1 })).toEqual([{ id: 1, name: "a" }]);
        expect(builds).toBe(1);
      } finally {
        await database.close();
      }
    });

    it("runs a raw statement of preparedSql with its placeholders, a list as one array, on the handle and in a transaction", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        const read = preparedOnce(database.db, "things_named", (db) =>
          preparedSql(db, "things_named", sql`select id, name from things where name = any(${sql.placeholder("names")}::text[]) order by id`),
        );
        await database.db.insert(things).values([{ id: 1, name: "a" }, { id: 2, name: "b\"c" }, { id: 3, name: "d" }]);
        const ids = (result: unknown) => rowsOf<{ id: number }>(result).map((r) => Number(r.id));
        expect(ids(await read.execute({ names: textArray(["a", 'b"c']) }))).toEqual([1, 2]);
        expect(ids(await read.execute({ names: textArray([]) }))).toEqual([]);
        await database.db.transaction(async (tx) => {
          await tx.insert(things).values({ id: 4, name: "d" });
          expect(ids(await inTransaction(read, tx).execute({ names: textArray(["d"]) }))).toEqual([3, 4]);
          tx.rollback();
        }).catch(() => undefined);
        expect(ids(await read.execute({ names: textArray(["d"]) }))).toEqual([3]);
        expect(() => preparedSql({}, "x", sql`select 1`)).toThrow(/not a drizzle database/);
      } finally {
        await database.close();
      }
    });

    it("runs a statement prepared on the handle inside a transaction, on its connection: it commits and rolls back with it", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        const insert = preparedOnce(database.db, "thing_insert", (db) =>
          db.insert(things).values({ id: sql.placeholder("id"), name: sql.placeholder("name") }).returning().prepare("thing_insert"),
        );
        const count = async () => (await database.db.select().from(things)).length;
        // Rolled back with the transaction: it ran on the transaction's connection (on PGlite, the
        // handle's own connection would wait for the transaction, which waits for it: a deadlock).
        await expect(
          database.db.transaction(async (tx) => {
            expect(await inTransaction(insert, tx).execute({ id: 1, name: "a" })).toEqual([{ id: 1, name: "a" }]);
            expect(await tx.select().from(things)).toHaveLength(1);
            throw new Error("roll back");
          }),
        ).rejects.toThrow("roll back");
        expect(await count()).toBe(0);
        await database.db.transaction(async (tx) => {
          await inTransaction(insert, tx).execute({ id: 2, name: "b" });
        });
        expect(await database.db.select().from(things)).toEqual([{ id: 2, name: "b" }]);
        // The prepared statement itself still runs on the handle.
        await insert.execute({ id: 3, name: "c" });
        expect(await count()).toBe(2);
      } finally {
        await database.close();
      }
    });

    it("builds a statement of preparedInTransaction once, runs it on each transaction's connection, and never on the first's after it (review R2-1)", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        let builds = 0;
        let kept: { execute: (p: { id: number; name: string }) => Promise<unknown> } | undefined;
        const insert = (tx: Parameters<Parameters<typeof database.db.transaction>[0]>[0]) =>
          preparedInTransaction(tx, "thing_insert_tx", (t) => {
            builds += 1;
            const built = t.insert(things).values({ id: sql.placeholder("id"), name: sql.placeholder("name") }).prepare("thing_insert_tx");
            kept = built;
            return built;
          });
        await expect(
          database.db.transaction(async (tx) => {
            await insert(tx).execute({ id: 1, name: "a" });
            throw new Error("roll back");
          }),
        ).rejects.toThrow("roll back");
        await database.db.transaction(async (tx) => {
          await insert(tx).execute({ id: 2, name: "b" });
        });
        expect(builds).toBe(1);
        expect(await database.db.select().from(things)).toEqual([{ id: 2, name: "b" }]);
        // The kept statement itself has no connection: run directly, it is refused, not run on the first transaction's.
        const refused = await Promise.resolve()
          .then(() => kept!.execute({ id: 3, name: "c" }))
          .then(() => null, (err: unknown) => err as Error & { cause?: Error });
        expect(`${refused?.message} ${refused?.cause?.message}`).toMatch(/runs only through inTransaction/);
        expect(await database.db.select().from(things)).toHaveLength(1);
      } finally {
        await database.close();
      }
    });

    it("inserts through a prepared insert of placeholdersFor, each column's value from its named parameter", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        const insert = database.db.insert(things).values(placeholdersFor(things, ["name", "id"])).returning().prepare("thing_insert_named");
        expect(await insert.execute({ id: 7, name: "g" })).toEqual([{ id: 7, name: "g" }]);
        expect(await database.db.select().from(things)).toEqual([{ id: 7, name: "g" }]);
      } finally {
        await database.close();
      }
    });

    it("refuses what is not a transaction", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        const read = database.db.select().from(things).prepare("things_all");
        expect(() => inTransaction(read, {})).toThrow(/not a drizzle transaction/);
      } finally {
        await database.close();
      }
    });
  });
}
