import { fileURLToPath } from "node:url";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { enablePgliteTemplates, migratedTemplate } from "./pglite-runtime";

const things = pgTable("things", { id: integer("id").primaryKey(), name: text("name").notNull() });
const migrationsFolder = fileURLToPath(new URL("../test/fixture-migrations", import.meta.url));

describe("migrated PGlite templates (a shard host's databases, issue 12)", () => {
  it("keeps template1 only: a database started from the template has none of initdb's other databases", async () => {
    enablePgliteTemplates();
    const db = await openDatabase({ schema: { things }, migrationsFolder });
    try {
      const { rows } = (await db.db.execute("select datname from pg_database")) as unknown as { rows: { datname: string }[] }; // PGlite's result shape
      expect(rows.map((r) => r.datname)).toEqual(["template1"]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("starts each new database migrated from the template, each with data of its own", async () => {
    enablePgliteTemplates();
    const a = await openDatabase({ schema: { things }, migrationsFolder });
    const b = await openDatabase({ schema: { things }, migrationsFolder });
    try {
      // The template was made once for this folder: asking again does not make another.
      let made = 0;
      await migratedTemplate(migrationsFolder, async () => {
        made += 1;
        return new Blob([]);
      });
      expect(made).toBe(0);
      await a.db.insert(things).values({ id: 1, name: "only in a" });
      expect(await b.db.select().from(things)).toEqual([]);
      await b.db.insert(things).values({ id: 1, name: "only in b" });
      expect((await a.db.select().from(things)).map((r) => r.name)).toEqual(["only in a"]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);
});
