import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { asciiComments, BUNDLE_STUBS, buildServices, IMPORTER_STUBS, DIST_DIR, entryPath, SERVICE_ENTRIES, servicesStale } from "./build";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("compiled service entries (issue 12)", () => {
  it("bundles every entry with the workspace inside, third-party packages by absolute path, class names kept", async () => {
    await buildServices();
    expect(servicesStale()).toBe(false);
    for (const name of Object.keys(SERVICE_ENTRIES) as (keyof typeof SERVICE_ENTRIES)[]) {
      expect(entryPath(name, "compiled")).toBe(join(DIST_DIR, `${name}.mjs`));
    }
    const province = readFileSync(entryPath("province", "compiled"), "utf8");
    expect(province).not.toMatch(/from "@jg\//); // workspace packages are bundled
    expect(province).toMatch(/from "\/[^"]*node_modules\/[^"]*type-graphql[^"]*"/);
    // type-graphql names GraphQL types after their classes: esbuild must keep the names.
    expect(province).toMatch(/__name\(Violation, "Violation"\)/);
    // import.meta.url of workspace sources points at the source file (migrations folders).
    expect(province).toMatch(/packages\/province-service\/src\/db\/database\.ts/);
  }, 120_000);

  it("leaves out of the gateway's bundle what it does not run: databases, subgraph schemas, composition, the IDE build (issue 12)", async () => {
    await buildServices();
    const gateway = readFileSync(entryPath("gateway", "compiled"), "utf8");
    const staticImports = [...gateway.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);
    // What the bundle loads: its static imports and what bundled CommonJS (@apollo/gateway) requires.
    const externals = [...staticImports, ...[...gateway.matchAll(/__require\("([^"]+)"\)/g)].map((m) => m[1]!)];
    expect(staticImports.some((path) => path.includes("/@apollo/server/"))).toBe(true); // the scan sees third-party imports
    // drizzle-orm is imported by @jg/service-kit's index but declares "sideEffects": false: unused, not loaded.
    for (const pkg of ["drizzle-orm", "postgres", "@electric-sql/pglite", "type-graphql", "@apollo/subgraph", "@apollo/composition", "esbuild"]) {
      expect(externals.filter((path) => path.includes(`/node_modules/${pkg}/`))).toEqual([]);
    }
    // The IDE's build and live composition load their libraries when used.
    expect(gateway).toMatch(/await import\("[^"]*\/node_modules\/esbuild\/[^"]*"\)/);
    expect(gateway).toMatch(/\("@apollo\/composition"\)/);
  }, 120_000);

  it("bundles @apollo/gateway with what it loads but the gateway never runs replaced by stubs: usage telemetry, make-fetch-happen, composition (issue 12)", async () => {
    await buildServices();
    const gateway = readFileSync(entryPath("gateway", "compiled"), "utf8");
    const externals = [...gateway.matchAll(/^import .* from "([^"]+)";$/gm), ...gateway.matchAll(/__require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(externals.filter((path) => path.includes("/@apollo/gateway/"))).toEqual([]); // bundled, not loaded from node_modules
    expect(gateway).toMatch(/exports.ApolloGateway = ApolloGateway/);
    expect(externals.some((path) => path.includes("/node_modules/@apollo/query-planner/"))).toBe(true); // its dependencies stay external
    for (const pkg of ["@opentelemetry/sdk-metrics", "@opentelemetry/exporter-metrics-otlp-http", "@opentelemetry/resources", "@opentelemetry/semantic-conventions", "@opentelemetry/resource-detector-", "make-fetch-happen", "@apollo/composition"]) {
      expect(externals.filter((path) => path.includes(`/node_modules/${pkg}`))).toEqual([]);
    }
    for (const stub of new Set([...Object.values(BUNDLE_STUBS), ...Object.values(IMPORTER_STUBS).flatMap((s) => Object.values(s))])) {
      expect(gateway).toContain(relative(repoRoot, stub));
    }
  }, 120_000);

  it("the telemetry stub exports what @apollo/gateway's opentelemetry module does, and starts no telemetry (issue 12)", async () => {
    const apollo = createRequire(createRequire(join(repoRoot, "gateway", "package.json")).resolve("@apollo/gateway"));
    const original = apollo("./utilities/opentelemetry") as Record<string, unknown>;
    const stub = (await import(BUNDLE_STUBS["./utilities/opentelemetry"]!)) as Record<string, unknown>;
    expect(Object.keys(stub).sort()).toEqual(Object.keys(original).filter((k) => k !== "__esModule").sort());
    for (const name of ["OpenTelemetrySpanNames", "OpenTelemetryAttributeNames", "APOLLO_OTEL_METRICS_URL"]) expect(stub[name]).toEqual(original[name]);
    const context = { operationName: "Q", source: "query Q { a }" };
    const fns = (m: Record<string, unknown>) => m as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const config of [undefined, { includeDocument: true }]) {
      expect(fns(stub)["requestContextSpanAttributes"]!(context, config)).toEqual(fns(original)["requestContextSpanAttributes"]!(context, config));
    }
    const op = { operation: { operation: "query" } };
    expect(fns(stub)["operationContextSpanAttributes"]!(op)).toEqual(fns(original)["operationContextSpanAttributes"]!(op));
    for (const config of [undefined, { recordExceptions: false }, { recordExceptions: true }, { recordExceptions: 1 }, { recordExceptions: 0 }]) {
      const recorded = (m: Record<string, unknown>) => {
        const seen: unknown[] = [];
        fns(m)["recordExceptions"]!({ recordException: (e: unknown) => seen.push(e) }, ["a", "b"], config);
        return seen;
      };
      expect(recorded(stub)).toEqual(recorded(original));
    }
    const provider = fns(stub)["createDataCollectionExporter"]!() as { shutdown(): Promise<void> };
    await expect(provider.shutdown()).resolves.toBeUndefined();
  });

  it("executeQueryPlan's federation-internals: every name the file uses, the real ones, and one Operation per (schema, operation nodes, options) (issue 12)", async () => {
    const gatewayRequire = createRequire(createRequire(join(repoRoot, "gateway", "package.json")).resolve("@apollo/gateway"));
    const source = readFileSync(gatewayRequire.resolve("./executeQueryPlan"), "utf8");
    const used = new Set([...source.matchAll(/federation_internals_1\.(\w+)/g)].map((m) => m[1]!));
    const internals = gatewayRequire("@apollo/federation-internals") as Record<string, unknown>;
    const stub = (await import(IMPORTER_STUBS["dist/executeQueryPlan.js"]!["@apollo/federation-internals"]!)) as Record<string, unknown>;
    expect([...used].sort()).toEqual(Object.keys(stub).sort());
    // Identity compared as booleans: a failing toBe would print federation's schema-sized objects.
    for (const name of used) if (name !== "operationFromDocument") expect(stub[name] === internals[name], name).toBe(true);

    type Build = (schema: unknown, document: { kind: string; definitions: readonly unknown[] }, options?: object) => { toString(): string };
    const remembered = stub["operationFromDocument"] as Build;
    const original = internals["operationFromDocument"] as Build;
    const buildSchema = internals["buildSchema"] as (sdl: string) => unknown;
    const { parse } = gatewayRequire("graphql") as typeof import("graphql");
    const schema = buildSchema("type Query { a(n: Int = 1): Int b: B } type B { c: String }");
    const document = parse("query Q($n: Int = 2) { a(n: $n) ...F } fragment F on Query { b { c } }");
    // executeQueryPlan's call: a new document object each time around the same cached definition nodes.
    const again = () => ({ kind: "Document", definitions: [...document.definitions] });
    const first = remembered(schema, again(), { validate: false });
    expect(first.toString()).toBe(original(schema, again(), { validate: false }).toString());
    expect(remembered(schema, again(), { validate: false }) === first).toBe(true);
    expect(remembered(buildSchema("type Query { a(n: Int = 1): Int b: B } type B { c: String }"), again(), { validate: false }) === first).toBe(false);
    expect(remembered(schema, again(), { validate: true }) === first).toBe(false);
    const otherFragment = { kind: "Document", definitions: [document.definitions[0]!, ...parse("fragment F on Query { a }").definitions] };
    expect(remembered(schema, otherFragment, { validate: false }) === first).toBe(false);
    expect(() => remembered(schema, parse("{ nope }"))).toThrow();
  });

  it("writes every bundle in ASCII with its source map beside it, so V8 holds one byte per character and no inline map (issue 12)", async () => {
    await buildServices();
    for (const name of Object.keys(SERVICE_ENTRIES) as (keyof typeof SERVICE_ENTRIES)[]) {
      const path = entryPath(name, "compiled");
      const bundle = readFileSync(path, "utf8");
      expect(bundle.match(/[\u0080-\uffff]/g) ?? [], name).toEqual([]);
      expect(bundle.endsWith(`//# sourceMappingURL=${name}.mjs.map\n`), name).toBe(true);
      expect((JSON.parse(readFileSync(`${path}.map`, "utf8")) as { mappings: string }).mappings.length, name).toBeGreaterThan(0);
    }
    // Our sources' comments hold non-ASCII characters that esbuild keeps in the gateway's bundle.
    expect(readFileSync(join(repoRoot, "gateway", "src", "config.ts"), "utf8")).toMatch(/[\u0080-\uffff]/);
  }, 120_000);

  it("asciiComments replaces non-ASCII characters of comments only, one unit for one, and refuses any in code", async () => {
    const code = "/** Province \u00a7 \u2192 shard */\nexport const a = 1; // caf\u00e9 \ud83d\ude97\nexport const b = /* \u2014 */ 2;\n";
    expect(await asciiComments(code)).toBe("/** Province ? ? shard */\nexport const a = 1; // caf? ??\nexport const b = /* ? */ 2;\n");
    expect(await asciiComments("export const a = 1;\n")).toBe("export const a = 1;\n");
    await expect(asciiComments('export const s = "caf\u00e9";\n')).rejects.toThrow(/outside comments/);
    await expect(asciiComments("export const s = `\u2192`; // \u2192\n")).rejects.toThrow(/outside comments/);
  });
});
