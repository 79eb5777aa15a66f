import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildServices, DIST_DIR, entryPath, SERVICE_ENTRIES, servicesStale } from "./build";

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
    expect(staticImports.some((path) => path.includes("/@apollo/gateway/"))).toBe(true); // the scan sees third-party imports
    // drizzle-orm is imported by @jg/service-kit's index but declares "sideEffects": false: unused, not loaded.
    for (const pkg of ["drizzle-orm", "postgres", "@electric-sql/pglite", "type-graphql", "@apollo/subgraph", "@apollo/composition", "esbuild"]) {
      expect(staticImports.filter((path) => path.includes(`/node_modules/${pkg}/`))).toEqual([]);
    }
    // The IDE's build and live composition load their libraries when used.
    expect(gateway).toMatch(/await import\("[^"]*\/node_modules\/esbuild\/[^"]*"\)/);
    expect(gateway).toMatch(/\("@apollo\/composition"\)/);
  }, 120_000);
});
