import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { testEngines } from "./testing";

const things = pgTable("things", { id: integer("id").primaryKey(), name: text("name").notNull() });
const migrationsFolder = fileURLToPath(new URL("../test/fixture-migrations", import.meta.url));

for (const engine of testEngines()) {
  describe(`openDatabase on ${engine.name}`, () => {
    afterAll(() => engine.cleanup());

    it("applies the migrations and counts every statement sent", async () => {
      const database = await openDatabase({ schema: { things }, migrationsFolder, url: await engine.create() });
      try {
        database.queries.reset();
        await database.db.insert(things).values([{ id: 1, name: "a" }, { id: 2, name: "b" }]);
        const rows = await database.db.select().from(things).where(sql`${things.id} > 0`);
        expect(rows.map((r) => r.name).sort()).toEqual(["a", "b"]);
        expect(database.queries.count).toBe(2);
      } finally {
        await database.close();
      }
    });
  });
}
