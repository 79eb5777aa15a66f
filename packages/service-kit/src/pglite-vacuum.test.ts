import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./db";
import { rowsOf } from "./rows";
import { pgliteVacuumSettings, scheduleVacuum } from "./pglite-vacuum";

describe("pgliteVacuumSettings", () => {
  it("every 30 s after 1 000 statements by default; 0 seconds turns it off; anything but a whole number stops the start", () => {
    expect(pgliteVacuumSettings({})).toEqual({ intervalMs: 30_000, minStatements: 1000 });
    expect(pgliteVacuumSettings({ PGLITE_VACUUM_SECONDS: "", PGLITE_VACUUM_STATEMENTS: "" })).toEqual({ intervalMs: 30_000, minStatements: 1000 });
    expect(pgliteVacuumSettings({ PGLITE_VACUUM_SECONDS: "0", PGLITE_VACUUM_STATEMENTS: "50" })).toEqual({ intervalMs: 0, minStatements: 50 });
    expect(() => pgliteVacuumSettings({ PGLITE_VACUUM_SECONDS: "-1" })).toThrow(/PGLITE_VACUUM_SECONDS must be a whole number ≥ 0, got "-1"/);
    expect(() => pgliteVacuumSettings({ PGLITE_VACUUM_STATEMENTS: "1e3" })).toThrow(/PGLITE_VACUUM_STATEMENTS must be a whole number/);
  });
});

describe("scheduleVacuum", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("vacuums at a check only when the database ran the statements since its last VACUUM, never two at once, and stops", async () => {
    vi.useFakeTimers();
    let statements = 0;
    let vacuums = 0;
    let finish: (() => void) | undefined;
    const schedule = scheduleVacuum(
      {
        vacuum: () => {
          vacuums += 1;
          return new Promise<void>((resolve) => (finish = resolve));
        },
        statements: () => statements,
      },
      { intervalMs: 1000, minStatements: 100 },
    );
    statements = 99;
    await vi.advanceTimersByTimeAsync(1000);
    expect(vacuums).toBe(0); // not enough statements yet
    statements = 100;
    await vi.advanceTimersByTimeAsync(1000);
    expect(vacuums).toBe(1);
    statements = 500;
    await vi.advanceTimersByTimeAsync(3000);
    expect(vacuums).toBe(1); // the first is still running: no second one beside it
    finish!();
    await vi.advanceTimersByTimeAsync(0);
    expect(schedule.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vacuums).toBe(2); // 400 more since the first began
    finish!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(vacuums).toBe(2); // nothing ran since
    statements = 700;
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(vacuums).toBe(2);
    expect(schedule.runs).toBe(2);
  });

  it("reports a failed VACUUM and tries again at the next check; without a statement count it vacuums at every check; 0 ms never", async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const failing = scheduleVacuum(
      {
        vacuum: () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error("disk full")) : Promise.resolve();
        },
        onError: (err) => errors.push(err),
      },
      { intervalMs: 1000, minStatements: 1000 },
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors.map((e) => (e as Error).message)).toEqual(["disk full"]);
    expect(failing.runs).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(3);
    expect(failing.runs).toBe(2);
    await failing.stop();

    let never = 0;
    const off = scheduleVacuum({ vacuum: () => Promise.resolve((never += 1)), statements: () => 1e9 }, { intervalMs: 0, minStatements: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(never).toBe(0);
    await off.stop();
  });
});

const things = pgTable("things", { id: integer("id").primaryKey(), name: text("name").notNull() });
const migrationsFolder = fileURLToPath(new URL("../test/fixture-migrations", import.meta.url));

describe("an embedded database of openDatabase", () => {
  it("is vacuumed on its timer once it has run enough statements", async () => {
    const saved = { s: process.env["PGLITE_VACUUM_SECONDS"], n: process.env["PGLITE_VACUUM_STATEMENTS"] };
    process.env["PGLITE_VACUUM_SECONDS"] = "1";
    process.env["PGLITE_VACUUM_STATEMENTS"] = "200";
    const database = await openDatabase({ schema: { things }, migrationsFolder });
    try {
      const db = database.db;
      await db.insert(things).values(Array.from({ length: 30 }, (_, i) => ({ id: i, name: "a" })));
      for (let i = 0; i < 300; i++) await db.update(things).set({ name: `n${i}` }).where(sql`${things.id} = ${i % 30}`);
      const vacuumed = async () =>
        rowsOf<{ vacuum_count: string | number }>(await db.execute(sql`select vacuum_count from pg_stat_user_tables where relname = 'things'`))[0]?.vacuum_count;
      // The check runs every second: wait for it (at most 10 s), then look at the table's pages.
      for (let i = 0; i < 100 && Number(await vacuumed()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(Number(await vacuumed())).toBeGreaterThan(0);
      // VACUUM counted the table's live rows (`reltuples` is -1 until a VACUUM or ANALYZE): 30, not the 330 versions written.
      const counted = rowsOf<{ reltuples: string | number }>(await db.execute(sql`select reltuples from pg_class where relname = 'things'`));
      expect(Number(counted[0]!.reltuples)).toBe(30);
    } finally {
      await database.close();
      for (const [k, v] of [["PGLITE_VACUUM_SECONDS", saved.s], ["PGLITE_VACUUM_STATEMENTS", saved.n]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
