/**
 * The PGlite runtime every embedded database of a process shares (issue 12, footprint):
 * - one compiled WebAssembly module and one file-system bundle per process instead of one per
 *   database (a shard host runs many databases in one process);
 * - a smaller `shared_buffers`. PGlite 0.3 starts PostgreSQL with `shared_buffers=128MB` built into
 *   its WASM binary and offers no option for it; those 128 MB are touched at start, so every empty
 *   database cost about 200 MB of RSS. A service database of this system holds a few thousand rows,
 *   so 8 MB of buffers is plenty: the default text in the binary is replaced by one of the same
 *   length before the module is compiled (measured: about 100 MB per database instead of 200 with
 *   16 MB; 8 MB took another 8 MB off each database and cost no CPU per query, run 6 of
 *   bench/README.md's footprint section).
 *   If a PGlite upgrade changes the binary and the text is not found, the module is used as shipped.
 * `PGLITE_SHARED_BUFFERS` (e.g. "32MB", at most 5 characters; "default" keeps 128MB) overrides it.
 *   `wal_buffers` (4MB built in, zeroed at start) is patched the same way to 1MB.
 * - no databases but the one PGlite serves (template1): initdb also makes template0 and postgres,
 *   about 7 MB of files each in every database's in-memory file system; a new database drops them
 *   ({@link dropUnusedDatabases}; measured: 55 MB of RSS per database started from a template instead
 *   of 84, and 0.7 s of CPU to start one instead of 0.9).
 * - in a process that opens many databases of the same migrations (a shard host, which turns it on
 *   with {@link enablePgliteTemplates}), one migrated template per migrations folder: a database is
 *   created and migrated once, its data folder kept as a tarball (gzip, a few MB), and every new
 *   database of those migrations starts from it instead of running initdb and every migration again.
 * - PGlite's WebAssembly run by V8's baseline compiler (Liftoff) only: by default V8 recompiles the
 *   functions it finds hot with its optimizing compiler (TurboFan) on background threads, and the
 *   memory those compilations take stays in the process's malloc arenas. An empty shard process
 *   measured about 240 MB of RSS with Liftoff only instead of 310–345, and 2.1 s of CPU to start instead
 *   of 3.9 (bench/README.md, "Footprint (issue 12)", run 6, with its CPU per query).
 *   `PGLITE_WASM_TIER=tiered` keeps V8's default. It is a V8 flag, set before the module is compiled,
 *   so it applies to every WebAssembly module the process compiles afterwards.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";

export interface PgliteRuntime {
  wasmModule: WebAssembly.Module;
  fsBundle: Blob;
  /** The shared_buffers setting the module starts with ("128MB" when left as shipped). */
  sharedBuffers: string;
  /** How V8 compiles the module: Liftoff only ("baseline") or V8's default tiering ("tiered"). */
  wasmTier: WasmTier;
}

type WasmTier = "baseline" | "tiered";

/** `PGLITE_WASM_TIER`: "baseline" (the default: Liftoff only) or "tiered" (V8's default); anything else stops the start. */
export function pgliteWasmTier(env: NodeJS.ProcessEnv = process.env): WasmTier {
  const value = env["PGLITE_WASM_TIER"];
  if (value === undefined || value === "") return "baseline";
  if (value === "baseline" || value === "tiered") return value;
  throw new Error(`PGLITE_WASM_TIER must be "baseline" or "tiered", got ${JSON.stringify(value)}`);
}

const SHIPPED = "shared_buffers=128MB";
const DEFAULT_SHARED_BUFFERS = "8MB";

let runtime: Promise<PgliteRuntime> | undefined;

/** Node's global WebAssembly (the project's `lib` has its types but not the value). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

/** Replaces PGlite's built-in shared_buffers default in the WASM bytes; returns what the module will use. */
export function patchSharedBuffers(wasm: Buffer, value: string): string {
  if (value === "default") return "128MB";
  if (!/^\d{1,4}(kB|MB)$/.test(value) || value.length > 5) throw new Error(`PGLITE_SHARED_BUFFERS must look like 16MB (≤ 5 characters), got ${JSON.stringify(value)}`);
  return patchDefault(wasm, SHIPPED, `shared_buffers=${value}`) ? value : "128MB";
}

/** Replaces a default built into the WASM bytes by a text no longer than it (NUL-padded); whether it was found. */
export function patchDefault(wasm: Buffer, shipped: string, value: string): boolean {
  if (value.length > shipped.length) throw new Error(`${value} is longer than the ${shipped} it replaces`);
  const at = wasm.indexOf(Buffer.from(`${shipped}\0`));
  if (at < 0) return false;
  const replacement = Buffer.alloc(shipped.length); // NUL-padded: C reads up to the first NUL
  Buffer.from(value).copy(replacement);
  replacement.copy(wasm, at);
  return true;
}

/** The process's PGlite runtime, compiled once on first use. */
export function pgliteRuntime(): Promise<PgliteRuntime> {
  runtime ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const [wasm, data] = await Promise.all([readFile(join(dist, "pglite.wasm")), readFile(join(dist, "pglite.data"))]);
    const sharedBuffers = patchSharedBuffers(wasm, process.env["PGLITE_SHARED_BUFFERS"] || DEFAULT_SHARED_BUFFERS);
    patchDefault(wasm, "wal_buffers=4MB", "wal_buffers=1MB");
    const wasmTier = pgliteWasmTier();
    if (wasmTier === "baseline") setFlagsFromString("--liftoff-only"); // read when a module is compiled
    return { wasmModule: await wasmApi.compile(wasm), fsBundle: new Blob([data]), sharedBuffers, wasmTier };
  })();
  return runtime;
}

const templates = new Map<string, Promise<Blob>>();
let templatesOn = false;

/** Turns migrated templates on for this process (a shard host: many databases of one schema). */
export function enablePgliteTemplates(): void {
  templatesOn = true;
}

/** Whether new PGlite databases of this process start from a migrated template. */
export function pgliteTemplatesEnabled(): boolean {
  return templatesOn;
}

/** The process's migrated template for `migrationsFolder`, made by `make` on first use (retried after a failure). */
export function migratedTemplate(migrationsFolder: string, make: () => Promise<Blob>): Promise<Blob> {
  let template = templates.get(migrationsFolder);
  if (!template) {
    template = make().catch((err: unknown) => {
      templates.delete(migrationsFolder);
      throw err;
    });
    templates.set(migrationsFolder, template);
  }
  return template;
}

/** Drops the databases initdb made besides template1 (the one PGlite serves): see the header. */
export async function dropUnusedDatabases(client: { exec(sql: string): Promise<unknown> }): Promise<void> {
  await client.exec("DROP DATABASE IF EXISTS postgres");
  await client.exec("UPDATE pg_database SET datistemplate = false WHERE datname = 'template0'");
  await client.exec("DROP DATABASE IF EXISTS template0");
}
