import { defineConfig } from "vitest/config";

// One test run for the whole workspace. Unit tests sit beside the code (*.test.ts); integration suites
// for the subgraphs run on a fresh PGlite and, when TEST_DATABASE_URL is set, on real PostgreSQL too;
// end-to-end tests live in test/. Benchmarks are never tests: they live in bench/ and run on demand.
export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "bench/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { APOLLO_TELEMETRY_DISABLED: "1", TZ: process.env.TZ ?? "UTC" },
    reporters: ["default"],
  },
});
