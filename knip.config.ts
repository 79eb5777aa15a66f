import type { KnipConfig } from "knip";

// knip (issue 15): unused files, exports and dependencies across the pnpm workspace, run in CI as
// `check:unused`. Entry points are what starts something without being imported: the services' entry
// files (the ones @jg/cluster builds and spawns), command-line bins and scripts, benchmarks, tests, and
// the two browser bundles esbuild builds at run time. Each package's `exports` are entries too (knip
// reads them from package.json).
const config: KnipConfig = {
  // mkfifo (coreutils): cluster process.test makes the orphan test's lifeline FIFO with it.
  ignoreBinaries: ["mkfifo"],
  workspaces: {
    ".": {
      entry: ["scripts/*.ts"],
      project: ["scripts/**/*.ts", "*.{ts,js}"],
    },
    gateway: {
      // src/bundle-stubs: modules @jg/cluster's build puts in the compiled bundles instead of some of
      // @apollo/gateway's (build.ts, BUNDLE_STUBS): named by path, imported by nothing.
      entry: ["ide/app.ts", "src/bundle-stubs/*.ts"],
      project: ["src/**/*.ts", "ide/**/*.ts", "test/**/*.ts"],
    },
    "subgraphs/chongqing": {
      entry: ["print-schema.ts", "src/main.ts"],
      project: ["src/**/*.ts", "test/**/*.ts", "*.ts"],
    },
    "subgraphs/other-province": {
      entry: ["src/host-main.ts"],
      project: ["src/**/*.ts"],
    },
    "packages/province-service": {
      project: ["src/**/*.ts", "test/**/*.ts", "*.ts"],
    },
    "packages/handoff": {
      // drizzle-kit reads the test schema's exports (drizzle.config.ts names the file).
      entry: ["test/schema.ts"],
      project: ["src/**/*.ts", "test/**/*.ts", "*.ts"],
    },
    "packages/client": {
      entry: ["scripts/*.ts"],
      project: ["src/**/*.ts", "scripts/**/*.ts"],
      // graphql-codegen's client preset always writes gql.ts (the `graphql()` tag function) beside
      // graphql.ts; the package exports the typed documents of graphql.ts only. Generated, and checked
      // by `check:generated`.
      ignore: ["src/gql/gql.ts"],
    },
    "packages/cluster": {
      entry: ["src/exit-with-parent.ts", "src/profile-on-signal.ts"],
      project: ["src/**/*.ts", "test/**/*.ts"],
    },
    "packages/simulator": {
      entry: ["src/cli.ts", "scripts/*.ts", "browser/report.ts"],
      project: ["src/**/*.ts", "bin/**/*.mjs", "scripts/**/*.ts", "browser/**/*.ts", "test/**/*.ts"],
    },
    "packages/*": {
      project: ["src/**/*.ts"],
    },
    test: {
      entry: ["e2e/**/*.test.ts"],
      project: ["**/*.ts"],
    },
    "deploy/hive-gateway": {
      // Hive Gateway's CLI loads gateway.config.ts (serve.mjs runs the CLI; @jg/cluster starts serve.mjs).
      entry: ["serve.mjs", "gateway.config.ts"],
      project: ["*.{ts,mjs}", "src/**/*.ts", "test/**/*.ts"],
    },
    bench: {
      entry: ["*.bench.ts", "cpuprofile-summary.ts"],
      project: ["*.ts"],
    },
  },
};

export default config;
