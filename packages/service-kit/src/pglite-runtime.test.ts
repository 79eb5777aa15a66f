import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { openDatabase } from "./db";
import { patchDefault, patchSharedBuffers, pgliteRuntime, pgliteWasmTier } from "./pglite-runtime";

describe("PGlite runtime (issue 12: footprint)", () => {
  let db: PGlite | undefined;
  afterAll(async () => db?.close());

  it("starts PGlite with the smaller shared_buffers from the shared module", async () => {
    const { wasmModule, fsBundle, sharedBuffers, wasmTier } = await pgliteRuntime();
    expect(sharedBuffers).toBe("8MB");
    expect(wasmTier).toBe(process.env["PGLITE_WASM_TIER"] === "tiered" ? "tiered" : "baseline");
    db = new PGlite({ wasmModule, fsBundle });
    const { rows } = await db.query<{ shared_buffers: string }>("show shared_buffers");
    expect(rows[0]!.shared_buffers).toBe("8MB");
    const wal = await db.query<{ wal_buffers: string }>("show wal_buffers");
    expect(wal.rows[0]!.wal_buffers).toBe("1MB");
  });

  it("opens a new database with template1 alone: initdb's template0 and postgres are dropped", async () => {
    const migrationsFolder = fileURLToPath(new URL("../test/fixture-migrations", import.meta.url));
    const opened = await openDatabase({ schema: {}, migrationsFolder });
    try {
      const { rows } = (await opened.db.execute("select datname from pg_database order by datname")) as unknown as { rows: { datname: string }[] }; // PGlite's result shape
      expect(rows.map((r) => r.datname)).toEqual(["template1"]);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it("patches only a known default, keeps the text's length, and refuses a malformed value", () => {
    const wasm = Buffer.from("xxshared_buffers=128MB\0yy");
    expect(patchSharedBuffers(wasm, "8MB")).toBe("8MB");
    expect(wasm.toString("latin1")).toBe("xxshared_buffers=8MB\0\0\0yy");
    expect(patchSharedBuffers(Buffer.from("nothing here"), "8MB")).toBe("128MB");
    expect(() => patchSharedBuffers(Buffer.from(""), "16GBxx")).toThrow(/PGLITE_SHARED_BUFFERS/);
    expect(() => patchDefault(Buffer.from("wal_buffers=4MB\0"), "wal_buffers=4MB", "wal_buffers=1024MB")).toThrow(/longer/);
  });

  it("runs the WebAssembly with Liftoff only unless PGLITE_WASM_TIER=tiered, and refuses another value", () => {
    expect(pgliteWasmTier({})).toBe("baseline");
    expect(pgliteWasmTier({ PGLITE_WASM_TIER: "" })).toBe("baseline");
    expect(pgliteWasmTier({ PGLITE_WASM_TIER: "tiered" })).toBe("tiered");
    expect(() => pgliteWasmTier({ PGLITE_WASM_TIER: "turbofan" })).toThrow(/PGLITE_WASM_TIER must be "baseline" or "tiered", got "turbofan"/);
  });
});
