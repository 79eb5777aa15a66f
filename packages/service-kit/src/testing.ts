/**
 * Test support: run one integration suite on every engine. PGlite always; real PostgreSQL when
 * TEST_DATABASE_URL names a server (an admin connection, e.g. postgres://postgres@127.0.0.1:5432/postgres).
 * Each PostgreSQL run creates its own uniquely named database and drops it afterwards.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export interface TestEngine {
  name: "pglite" | "postgres";
  /** Creates a fresh, empty database and returns its URL (undefined for PGlite: open in memory). */
  create(): Promise<string | undefined>;
  /** Drops every database this engine created. */
  cleanup(): Promise<void>;
}

function pgEngine(adminUrl: string): TestEngine {
  const created: string[] = [];
  return {
    name: "postgres",
    async create() {
      const name = `jg_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async cleanup() {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        for (const name of created.splice(0)) {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      } finally {
        await admin.end();
      }
    },
  };
}

const pgliteEngine: TestEngine = {
  name: "pglite",
  create: async () => undefined,
  cleanup: async () => {},
};

/** The engines an integration suite must run on in this environment. */
export function testEngines(env: NodeJS.ProcessEnv = process.env): TestEngine[] {
  const url = env.TEST_DATABASE_URL;
  return url ? [pgliteEngine, pgEngine(url)] : [pgliteEngine];
}

/** Only the PostgreSQL engine, or none: for tests that need real parallel connections. */
export function postgresEngine(env: NodeJS.ProcessEnv = process.env): TestEngine | undefined {
  const url = env.TEST_DATABASE_URL;
  return url ? pgEngine(url) : undefined;
}
