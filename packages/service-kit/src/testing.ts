/**
 * Test support: run one integration suite on every engine. PGlite always; real PostgreSQL when
 * TEST_DATABASE_URL names a server (an admin connection, e.g. postgres://postgres@127.0.0.1:5432/postgres).
 * Each PostgreSQL run creates its own uniquely named database and drops it afterwards.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export { subgraphDocumentLimitTests, type PostedDocument } from "./testing-document-limits";

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

/**
 * Makes concurrent requests truly overlap on PostgreSQL (issue 15): holds an EXCLUSIVE lock on `table`
 * (reads pass, writes wait) while `run` starts its requests, and lets go only once `waiting` backends
 * of the database are waiting on a lock, so that every request has done its reads and stands at its
 * first write (or at the row lock the code under test takes) before any of them commits. A test that
 * claims a lock serializes these requests then fails when the lock is removed, instead of passing
 * because the requests happened to run one after another. Gives up after `timeoutMs` of polling.
 */
export async function whileTableLocked<T>(
  url: string,
  options: { table: string; waiting: number; timeoutMs?: number },
  run: () => Promise<T>,
): Promise<T> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const holder = await sql.reserve();
    let result: Promise<T> | undefined;
    try {
      await holder`BEGIN`;
      await holder.unsafe(`LOCK TABLE ${options.table} IN EXCLUSIVE MODE`);
      result = run();
      result.catch(() => {}); // awaited below, after the lock is let go
      const deadline = Date.now() + (options.timeoutMs ?? 20_000);
      for (;;) {
        const [row] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if ((row?.n ?? 0) >= options.waiting) break;
        if (Date.now() > deadline) throw new Error(`only ${row?.n ?? 0} of ${options.waiting} requests reached a lock on ${options.table}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      await holder`COMMIT`.catch(() => {});
      holder.release();
    }
    return await result;
  } finally {
    await sql.end();
  }
}
