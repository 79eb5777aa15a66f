/**
 * jsonInsert / jsonUpdate (json-insert.ts): many rows as one JSON parameter, on a real PGlite through
 * drizzle — dates, JSON columns, nulls and database defaults on insert; per-row values, shared
 * assignments and unmatched keys on update; the misuse errors.
 */
import { PGlite } from "@electric-sql/pglite";
import { asc, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonInsert, jsonUpdate } from "./json-insert";

const items = pgTable("json_items", {
  id: text("id").primaryKey(),
  count: integer("item_count").notNull().default(7),
  doc: jsonb("doc"),
  at: timestamp("at", { withTimezone: true, mode: "date" }),
  note: text("note"),
});

let pg: PGlite;
let db: ReturnType<typeof drizzle>;

beforeAll(async () => {
  pg = new PGlite();
  await pg.exec(`create table json_items (id text primary key, item_count int not null default 7, doc jsonb, at timestamptz, note text)`);
  db = drizzle({ client: pg });
});
afterAll(async () => {
  await pg.close();
});

const all = () => db.select().from(items).orderBy(asc(items.id));

describe("jsonInsert and jsonUpdate", () => {
  it("insert many rows in one statement: dates, nested JSON, nulls, defaults for columns left out, a tail", async () => {
    const at = new Date("2026-12-05T10:00:00.000Z");
    const inserted = await db.execute(
      jsonInsert(items, ["id", "doc", "at", "note"], [
        { id: "a", doc: { deep: [1, { k: "v" }] }, at, note: "it's \"quoted\"" },
        { id: "b", doc: null, at: null },
      ], sql`returning id`),
    );
    expect(inserted.rows).toEqual([{ id: "a" }, { id: "b" }]);
    expect(await all()).toEqual([
      { id: "a", count: 7, doc: { deep: [1, { k: "v" }] }, at, note: "it's \"quoted\"" },
      { id: "b", count: 7, doc: null, at: null, note: null },
    ]);
    const again = await db.execute(jsonInsert(items, ["id"], [{ id: "a" }, { id: "c" }], sql`on conflict (id) do nothing returning id`));
    expect(again.rows).toEqual([{ id: "c" }]);
  });

  it("update each row with its own values and the shared assignments; an unknown key changes nothing", async () => {
    await db.execute(
      jsonUpdate(items, "id", ["id", "note"], [
        { id: "a", note: "first" },
        { id: "c", note: "third" },
        { id: "missing", note: "none" },
      ], { count: sql`${items.count} + 1` }),
    );
    const rows = await all();
    expect(rows.map((r) => [r.id, r.count, r.note])).toEqual([
      ["a", 8, "first"],
      ["b", 7, null],
      ["c", 8, "third"],
    ]);
    expect(rows.find((r) => r.id === "a")!.doc).toEqual({ deep: [1, { k: "v" }] });
  });

  it("refuse a key that is not a property, an update with nothing to set, and an unknown column", () => {
    expect(() => jsonUpdate(items, "id", ["note"], [{ note: "x" }])).toThrow(/key id must be one of the properties/);
    expect(() => jsonUpdate(items, "id", ["id"], [{ id: "a" }])).toThrow(/needs a column to set/);
    expect(() => jsonInsert(items, ["nope" as "id"], [{}])).toThrow(/no column nope in json_items/);
  });
});
