/**
 * Compiled JavaScript for every service entry, built ahead of start (issue 12): tsx compiles each
 * process's TypeScript again at every start, which cost seconds of CPU and about 150 MB of RSS per
 * process. esbuild (a dependency for this: the compiler tsx itself runs on) bundles each entry with
 * the workspace's own packages into `dist/services/<name>.mjs`; third-party packages stay external.
 *
 * - Externals are imported by their resolved absolute path (pnpm links each package's dependencies
 *   into that package's own node_modules only, so a bare import from dist/ would not resolve), which
 *   is the very file Node would load for the bare import.
 * - `import.meta.url` in workspace sources is replaced with the source file's own URL, so reads
 *   relative to a package (migrations folders, the supergraph, `createRequire`) keep working.
 * - type-graphql's decorators are TypeScript legacy decorators (`experimentalDecorators`, no
 *   decorator metadata: every type is given explicitly), which esbuild compiles as tsc does; class
 *   names are kept (`keepNames`), since type-graphql names a type after its class (a bundle would
 *   otherwise rename two `Violation` classes of different packages apart, and federation's
 *   `__typename` checks fail).
 *
 * - @apollo/gateway is bundled (its own files, not its dependencies), so that what it requires when
 *   loaded but the gateway never runs is replaced by a stub (`BUNDLE_STUBS`, issue 12). A bundled
 *   CommonJS file requires its externals through a `require` made by `createRequire` (the banner).
 *
 * - Each bundle is ASCII (`asciiComments`) with its source map in `<name>.mjs.map` beside it, so that V8
 *   holds its source at one byte a character and without an inline map (issue 12).
 *
 * `ensureServicesBuilt()` rebuilds only when a source the last build read changed (or the build's
 * own settings did); every caller of `startSystem` (npm start, the tests, the simulator) goes through
 * it, so nobody runs stale JavaScript. Output files are replaced by rename, so two test files that
 * build at once never load a half-written bundle.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, transform, type Plugin } from "esbuild";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Every service's entry (TypeScript, relative to the repository root) by its bundle's name. */
export const SERVICE_ENTRIES = {
  gateway: "gateway/src/main.ts",
  "province-router": "gateway/src/router/main.ts",
  chongqing: "subgraphs/chongqing/src/main.ts",
  province: "subgraphs/other-province/src/main.ts",
  "shard-host": "subgraphs/other-province/src/host-main.ts",
  "exit-with-parent": "packages/cluster/src/exit-with-parent.ts",
  "profile-on-signal": "packages/cluster/src/profile-on-signal.ts",
} as const;
export type ServiceEntry = keyof typeof SERVICE_ENTRIES;

export const DIST_DIR = join(repoRoot, "dist", "services");
const META = join(DIST_DIR, "build.json");
/** Changes whenever the build's settings change, so an older build is not reused. */
const BUILD_VERSION = 8;

/** The folder of @apollo/gateway's package, which the bundles include (its dependencies stay external). */
const APOLLO_GATEWAY = "/node_modules/@apollo/gateway/";
const stubsDir = join(repoRoot, "gateway", "src", "bundle-stubs");
/**
 * What @apollo/gateway requires when it is loaded but the gateway never runs, replaced in the bundles by
 * a stub (issue 12: the gateway's live heap 42 → 33 MB at N = 7, bench/README.md "Gateway memory, this
 * session"): Apollo's usage telemetry module (OpenTelemetry's metrics SDK, OTLP exporter, cloud
 * resource detectors and semantic conventions; APOLLO_TELEMETRY_DISABLED is set for every service),
 * make-fetch-happen (the default fetcher every data source of ours replaces) and @apollo/composition
 * (Apollo's composing supergraph managers; the gateway is given its supergraph). Keyed by the request
 * as written in @apollo/gateway's files; `build.test.ts` checks that none of them is loaded and that
 * the telemetry stub exports what the module it replaces does.
 */
export const BUNDLE_STUBS: Readonly<Record<string, string>> = {
  "./utilities/opentelemetry": join(stubsDir, "apollo-opentelemetry.ts"),
  "../utilities/opentelemetry": join(stubsDir, "apollo-opentelemetry.ts"),
  "make-fetch-happen": join(stubsDir, "unavailable.ts"),
  "@apollo/composition": join(stubsDir, "unavailable.ts"),
};

/**
 * Stubs for one file of @apollo/gateway only, keyed by that file (relative to the package) and then by the
 * request as written in it: `executeQueryPlan.js` gets federation-internals with `operationFromDocument`
 * remembered per operation (issue 12; `gateway/src/bundle-stubs/execute-plan-internals.ts`; `build.test.ts`
 * checks that the stub exports every name the file uses).
 */
export const IMPORTER_STUBS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "dist/executeQueryPlan.js": { "@apollo/federation-internals": join(stubsDir, "execute-plan-internals.ts") },
};

/** The stub, if any, that replaces `request` when one of @apollo/gateway's files (`importer`) requires it. */
function stubFor(importer: string, request: string): string | undefined {
  const at = importer.lastIndexOf(APOLLO_GATEWAY);
  if (at < 0) return undefined;
  return IMPORTER_STUBS[importer.slice(at + APOLLO_GATEWAY.length)]?.[request] ?? BUNDLE_STUBS[request];
}

/** The TypeScript source of an entry (for `tsx`) or its compiled bundle. */
export function entryPath(name: ServiceEntry, runtime: "compiled" | "tsx"): string {
  return runtime === "tsx" ? join(repoRoot, SERVICE_ENTRIES[name]) : join(DIST_DIR, `${name}.mjs`);
}

interface BuildMeta {
  version: number;
  /** The repository the bundles were built in (they import third-party files by absolute path). */
  root: string;
  builtAt: number;
  inputs: string[];
}

/** Whether the bundles are missing or older than a source they were built from. */
export function servicesStale(): boolean {
  let meta: BuildMeta;
  try {
    meta = JSON.parse(readFileSync(META, "utf8")) as BuildMeta;
  } catch {
    return true;
  }
  if (meta.version !== BUILD_VERSION || meta.root !== repoRoot) return true;
  try {
    for (const name of Object.keys(SERVICE_ENTRIES)) statSync(join(DIST_DIR, `${name}.mjs`));
    return meta.inputs.some((input) => statSync(join(repoRoot, input)).mtimeMs > meta.builtAt);
  } catch {
    return true; // a bundle or a source is gone
  }
}

/** Externalizes third-party packages by absolute path; rewrites `import.meta.url` in workspace sources. */
const workspacePlugin: Plugin = {
  name: "jg-workspace",
  setup(b) {
    b.onResolve({ filter: /./ }, (args) => {
      const stub = stubFor(args.importer, args.path);
      return stub ? { path: stub } : undefined;
    });
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@jg/") || args.pluginData === "jg-inner") return undefined;
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "jg-inner" });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.path.includes(APOLLO_GATEWAY)) return { path: resolved.path }; // bundled (BUNDLE_STUBS)
      // A package that declares itself free of import-time side effects (`"sideEffects": false`, e.g.
      // drizzle-orm) is not loaded by a bundle that uses none of its bindings (issue 12: the gateway
      // imported drizzle through @jg/service-kit's index without using it).
      return { path: resolved.external ? args.path : resolved.path, external: true, sideEffects: resolved.sideEffects };
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const source = await readFile(args.path, "utf8");
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};

/** Bundles every service entry into dist/services; returns how long it took. */
export async function buildServices(): Promise<{ ms: number }> {
  const t0 = performance.now();
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(Object.entries(SERVICE_ENTRIES).map(([name, entry]) => [name, join(repoRoot, entry)])),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Resolve packages as Node does (no "module" field or condition), so externals are the files Node loads.
    mainFields: ["main"],
    conditions: [],
    outExtension: { ".js": ".mjs" },
    outdir: DIST_DIR,
    write: false,
    metafile: true,
    // type-graphql names a GraphQL type after its class when no name is given: bundling must not rename classes.
    keepNames: true,
    // Beside the bundle, not inside it: V8 keeps a script's source and its sourceMappingURL as strings,
    // so an inline map (234 kB of the gateway's bundle) stayed in the heap twice; nothing reads it unless
    // node runs with --enable-source-maps, which reads the file as well.
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "silent",
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: false } },
    plugins: [workspacePlugin],
    // Bundled CommonJS (@apollo/gateway) requires its externals: ESM has no `require` of its own.
    banner: { js: 'import { createRequire as __jgCreateRequire } from "node:module";\nconst require = __jgCreateRequire(import.meta.url);' },
  });
  mkdirSync(DIST_DIR, { recursive: true });
  const tag = `${process.pid}.${Math.random().toString(36).slice(2)}`;
  for (const file of result.outputFiles) {
    const contents = file.path.endsWith(".mjs") ? await asciiComments(file.text) : file.contents;
    writeFileSync(`${file.path}.${tag}`, contents);
    renameSync(`${file.path}.${tag}`, file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(repoRoot, join(repoRoot, p)));
  const meta: BuildMeta = { version: BUILD_VERSION, root: repoRoot, builtAt, inputs };
  writeFileSync(`${META}.${tag}`, JSON.stringify(meta));
  renameSync(`${META}.${tag}`, META);
  return { ms: Math.round(performance.now() - t0) };
}

/**
 * The bundle with every non-ASCII character of its comments replaced by "?" (one UTF-16 unit by one, so
 * the source map's columns hold). esbuild escapes non-ASCII characters in code (charset "ascii", its
 * default) but keeps the comments it keeps as written, and one such character (our comments' §, →, —)
 * makes V8 hold the whole script source as a two-byte string: the gateway's 568 kB bundle took 1.14 MB of
 * its heap, Chongqing's 1.15 MB bundle 2.3 MB (issue 12). Refused if anything but comments would change:
 * the bundle and its replacement, whitespace and comments removed by esbuild, must be the same text.
 */
export async function asciiComments(code: string): Promise<string> {
  const ascii = code.replace(/[\u0080-\uffff]/g, "?");
  if (ascii === code) return code;
  const bare = async (text: string) => (await transform(text, { format: "esm", minifyWhitespace: true, legalComments: "none", charset: "utf8", logLevel: "silent" })).code;
  if ((await bare(ascii)) !== (await bare(code))) throw new Error("a bundle has non-ASCII characters outside comments: esbuild's charset should have escaped them");
  return ascii;
}

let building: Promise<void> | undefined;

/** Builds the bundles if they are stale (once per process at a time). */
export function ensureServicesBuilt(): Promise<void> {
  building ??= (async () => {
    if (servicesStale()) await buildServices();
  })().finally(() => {
    building = undefined;
  });
  return building;
}
