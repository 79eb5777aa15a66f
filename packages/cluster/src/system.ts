/**
 * The whole system as real processes on loopback (docs/design.md §2): the Chongqing process (platform
 * subgraph + province shard 50), one process per other province, and the gateway, each with its own
 * database: embedded PGlite (in memory, or a data folder under `dataRoot` for a persistent run) or a
 * PostgreSQL database created for it on a given server. Used by `npm start`, the end-to-end tests and
 * the simulator, so all three run exactly what a deployment runs.
 *
 * Provinces start a few at a time (`startConcurrency`): a start is CPU-bound (tsx, the schema build,
 * migrations), and all 30 at once on a 2-core machine would make each one's health timeout measure the
 * queue rather than the service. `p-map` (a dependency for this alone) bounds that concurrency.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pMap from "p-map";
import postgres from "postgres";
import { freePort } from "./ports";
import { ManagedProcess, type ServiceSpec } from "./process";
import { HOME_PLATFORM_SERVICE, provinceServiceName } from "@jg/handoff";
import { GATEWAY_SERVICE, generateSystemKeys, type SystemKeys } from "./secrets";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const ENTRIES = {
  chongqing: join(repoRoot, "subgraphs/chongqing/src/index.ts"),
  province: join(repoRoot, "subgraphs/other-province/src/index.ts"),
  gateway: join(repoRoot, "gateway/src/main.ts"),
};

export interface SystemOptions {
  /** Province codes besides Chongqing (50), e.g. ["51", "52", "42"]. */
  provinces: string[];
  /** PGlite data folders go under `<dataRoot>/<service>`; absent: every database in memory. */
  dataRoot?: string;
  /** Create one PostgreSQL database per service on this server (admin URL) instead of PGlite. */
  postgresAdminUrl?: string;
  /** Where each service's log goes (`<logDir>/<service>.log`); absent: logs are discarded. */
  logDir?: string;
  /** Virtual clock start for every service (ISO); absent: the system clock. */
  virtualClockStart?: string;
  /** Intranet–internet lag of handoff messages (R-SYNC-1), ms; default 0. */
  deliveryDelayMs?: number;
  /** The gateway's per-attempt timeout of shard requests (SHARD_TIMEOUT_MS), ms; default the gateway's (3 000). */
  shardTimeoutMs?: number;
  /** How long the gateway's open circuit waits before a probe (BREAKER_COOLDOWN_MS), ms; default the gateway's (10 000). */
  breakerCoolDownMs?: number;
  /** Fixed gateway port (e.g. 4000 for `npm start`); default a free port. */
  gatewayPort?: number;
  /** Keys of the run (every service's, and the directory); default fresh ones (generateSystemKeys). */
  keys?: SystemKeys;
  /** Extra environment for every service (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
  /** Time allowed for each service to become healthy, ms; default 90 s. */
  startTimeoutMs?: number;
  /** How many provinces start at once; default twice the machine's available parallelism. */
  startConcurrency?: number;
}

export interface RunningSystem {
  gatewayUrl: string;
  platformUrl: string;
  /** Province code → shard base URL (including "50"). */
  shards: Record<string, string>;
  /** The run's keys: the launcher's, the simulator's and the tests' credentials come from here. */
  keys: SystemKeys;
  /** Every process by name: "chongqing", "province-51", …, "gateway". */
  services: Map<string, ManagedProcess>;
  /** PostgreSQL databases created for this run (dropped by stop). */
  databases: string[];
  stop(): Promise<void>;
}

async function createDatabases(adminUrl: string, names: string[]): Promise<Record<string, string>> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const urls: Record<string, string> = {};
  try {
    for (const name of names) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      urls[name] = url.toString();
    }
  } finally {
    await admin.end();
  }
  return urls;
}

async function dropDatabases(adminUrl: string, names: string[]): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of names) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Starts the system; resolves once every service is healthy. Stops what it started if any fails. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const provinces = [...new Set(options.provinces.filter((p) => p !== "50"))];
  const keys = options.keys ?? generateSystemKeys(provinces);
  /** A service's own private key, for its SIGNING_KEY (each service gets its own only). */
  const signingKey = (service: string): string => {
    const key = keys.privateKeys[service];
    if (!key) throw new Error(`no key for ${service} in the run's keys`);
    return key;
  };
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dbNames = options.postgresAdminUrl
    ? ["platform", "p50", ...provinces.map((p) => `p${p}`)].map((n) => `jg_${runId}_${n}`)
    : [];
  const dbUrls = options.postgresAdminUrl ? await createDatabases(options.postgresAdminUrl, dbNames) : {};
  const dbUrl = (suffix: string) => dbUrls[`jg_${runId}_${suffix}`];
  const dataDir = (name: string) => (options.dataRoot ? join(options.dataRoot, name) : undefined);

  const common: Record<string, string> = {
    KEY_DIRECTORY: JSON.stringify(keys.directory),
    DELIVERY_DELAY_MS: String(options.deliveryDelayMs ?? 0),
    ...(options.virtualClockStart ? { CLOCK_MODE: "virtual", CLOCK_START: options.virtualClockStart } : {}),
    ...options.env,
  };
  const withDb = (env: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const log = (name: string) => (options.logDir ? join(options.logDir, `${name}.log`) : undefined);
  const spec = (s: Omit<ServiceSpec, "cwd" | "logFile">): ServiceSpec => ({ ...s, cwd: repoRoot, logFile: log(s.name) });

  const platformPort = await freePort();
  const shard50Port = await freePort();
  const platformUrl = `http://127.0.0.1:${platformPort}`;
  const shards: Record<string, string> = { "50": `http://127.0.0.1:${shard50Port}` };
  const services = new Map<string, ManagedProcess>();

  services.set(
    "chongqing",
    new ManagedProcess(
      spec({
        name: "chongqing",
        entry: ENTRIES.chongqing,
        healthUrl: `${platformUrl}/healthz`,
        env: withDb({
          ...common,
          PORT: String(platformPort),
          SIGNING_KEY: signingKey(HOME_PLATFORM_SERVICE),
          SHARD50_SIGNING_KEY: signingKey(provinceServiceName("50")),
          CODE_SECRET: keys.codeSecret,
          DATABASE_URL: dbUrl("platform"),
          DATA_DIR: dataDir("platform"),
          SHARD50_PORT: String(shard50Port),
          SHARD50_DATABASE_URL: dbUrl("p50"),
          SHARD50_DATA_DIR: dataDir("province-50"),
          SHARD50_DELIVERY_DELAY_MS: String(options.deliveryDelayMs ?? 0),
        }),
      }),
    ),
  );
  for (const code of provinces) {
    const port = await freePort();
    shards[code] = `http://127.0.0.1:${port}`;
    services.set(
      `province-${code}`,
      new ManagedProcess(
        spec({
          name: `province-${code}`,
          entry: ENTRIES.province,
          healthUrl: `${shards[code]}/healthz`,
          env: withDb({
            ...common,
            PROVINCE_CODE: code,
            PORT: String(port),
            SIGNING_KEY: signingKey(provinceServiceName(code)),
            HOME_PLATFORM_URL: platformUrl,
            DATABASE_URL: dbUrl(`p${code}`),
            DATA_DIR: dataDir(`province-${code}`),
          }),
        }),
      ),
    );
  }
  const gatewayPort = options.gatewayPort ?? (await freePort());
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  services.set(
    "gateway",
    new ManagedProcess(
      spec({
        name: "gateway",
        entry: ENTRIES.gateway,
        healthUrl: `${gatewayUrl}/healthz`,
        env: {
          ...common,
          PORT: String(gatewayPort),
          SIGNING_KEY: signingKey(GATEWAY_SERVICE),
          PLATFORM_URL: `${platformUrl}/graphql`,
          SHARDS: Object.entries(shards).map(([code, url]) => `${code}=${url}/graphql`).join(","),
          ...(options.shardTimeoutMs !== undefined ? { SHARD_TIMEOUT_MS: String(options.shardTimeoutMs) } : {}),
          ...(options.breakerCoolDownMs !== undefined ? { BREAKER_COOLDOWN_MS: String(options.breakerCoolDownMs) } : {}),
        },
      }),
    ),
  );

  const stop = async () => {
    await Promise.allSettled([...services.values()].reverse().map((s) => s.stop()));
    if (options.postgresAdminUrl) await dropDatabases(options.postgresAdminUrl, dbNames);
  };
  try {
    const timeout = options.startTimeoutMs ?? 90_000;
    // Chongqing first (every province hands off to it), then the provinces a few at a time, then the gateway.
    await services.get("chongqing")!.start(timeout);
    await pMap(provinces, (code) => services.get(`province-${code}`)!.start(timeout), {
      concurrency: options.startConcurrency ?? Math.max(2, availableParallelism() * 2),
    });
    await services.get("gateway")!.start(timeout);
  } catch (err) {
    await stop();
    throw err;
  }
  return { gatewayUrl, platformUrl, shards, keys, services, databases: dbNames, stop };
}
