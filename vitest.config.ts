import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// One graphql-js for the whole run. Apollo's CommonJS packages (@apollo/gateway, federation-internals,
// subgraph, type-graphql) `require("graphql")` and get its CommonJS build (index.js); Node and esbuild
// resolve our bare `import "graphql"` to that same file. Vite's resolver alone would pick the package's
// `.mjs` build for our sources, making a second graphql-js ("Cannot use GraphQLSchema from another
// module", `instanceof GraphQLError` false). The alias gives tests the build production loads, so every
// source imports plain "graphql" (docs/style.md).
const graphqlCjs = createRequire(import.meta.url).resolve("graphql");

// One test run for the whole workspace. Unit tests sit beside the code (*.test.ts); integration suites
// for the subgraphs run on a fresh PGlite and, when TEST_DATABASE_URL is set, on real PostgreSQL too;
// end-to-end tests live in test/. Benchmarks are never tests: they live in bench/ and run on demand.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "bench/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { APOLLO_TELEMETRY_DISABLED: "1", TZ: process.env.TZ ?? "UTC" },
    reporters: ["default"],
  },
});
