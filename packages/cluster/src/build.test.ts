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
});
