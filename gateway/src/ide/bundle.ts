/**
 * The IDE's static assets (issue #14): GraphiQL 5 with its Monaco editors and their web workers, bundled by
 * esbuild from `gateway/ide/app.ts` into `app.js`, `app.css` and three worker scripts, so the gateway
 * serves every byte itself (no CDN; works offline). Fonts are inlined into the CSS as data URLs.
 *
 * Built once per process on first need, and cached on disk under `node_modules/.cache/jg-ide/<key>`
 * (key: the graphiql version and a hash of app.ts), so a restart or a second gateway reuses the build;
 * `npm start` builds it ahead (`prebuildIde`) before the gateway starts. esbuild is a dependency for this
 * alone (tsx already brings it; pinned here explicitly), imported only when a build is needed (issue 12:
 * a gateway that serves a cached build, or no IDE, never loads it).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const GATEWAY = fileURLToPath(new URL("../../", import.meta.url));
const APP = join(GATEWAY, "ide/app.ts");

/** Asset name → its bytes and content type. */
export type IdeAssets = ReadonlyMap<string, { body: Buffer; type: string }>;

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

function cacheDir(): string {
  const require = createRequire(join(GATEWAY, "package.json"));
  const version = (JSON.parse(readFileSync(require.resolve("graphiql/package.json"), "utf8")) as { version: string }).version;
  const key = createHash("sha256").update(version).update(readFileSync(APP)).digest("hex").slice(0, 16);
  return join(GATEWAY, "node_modules/.cache/jg-ide", key);
}

function load(dir: string): IdeAssets {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    const ext = name.slice(name.lastIndexOf("."));
    if (TYPES[ext]) assets.set(name, { body: readFileSync(join(dir, name)), type: TYPES[ext] });
  }
  return assets;
}

async function bundle(dir: string): Promise<void> {
  // The workers are the files @graphiql/react's own setup-workers modules name.
  const fromReact = createRequire(createRequire(join(GATEWAY, "package.json")).resolve("@graphiql/react"));
  const worker = (spec: string) => fromReact.resolve(spec);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const { build } = await import("esbuild");
  await build({
    entryPoints: {
      app: APP,
      "editor.worker": worker("monaco-editor/esm/vs/editor/editor.worker.js"),
      "json.worker": worker("monaco-editor/esm/vs/language/json/json.worker.js"),
      "graphql.worker": dirname(worker("monaco-graphql/package.json")) + "/esm/graphql.worker.js",
    },
    bundle: true,
    format: "esm",
    minify: true,
    outdir: tmp,
    absWorkingDir: GATEWAY,
    loader: { ".ttf": "dataurl", ".woff": "dataurl", ".woff2": "dataurl", ".svg": "dataurl" },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process finished first: its build is the same
  }
}

let built: Promise<IdeAssets> | undefined;

/** The IDE's assets, built (or read from the disk cache) once per process. */
export function ideAssets(): Promise<IdeAssets> {
  built ??= (async () => {
    const dir = cacheDir();
    if (!existsSync(join(dir, "app.js"))) await bundle(dir);
    return load(dir);
  })().catch((err: unknown) => {
    built = undefined;
    throw err;
  });
  return built;
}

/** Builds the assets into the disk cache ahead of the first request (`npm start`). */
export async function prebuildIde(): Promise<void> {
  await ideAssets();
}
