/**
 * The whole system as real processes on loopback (docs/design.md §2): the Chongqing process (platform
 * subgraph + province shard 50), the other provinces, and the gateway, each province with its own
 * database: embedded PGlite (in memory, or a data folder under `dataRoot` for a persistent run) or a
 * PostgreSQL database created for it on a given server. Used by `npm start`, the end-to-end tests and
 * the simulator, so all three run what a deployment runs.
 *
 * Two layouts of the other provinces (issue 12; `layout`, default from `LAYOUT`, else "host"):
 * - "host": shard hosts (subgraphs/other-province/src/host.ts), each a process serving several
 *   provinces, each province with its own configuration, database and port; `shardHosts` processes
 *   (default one per core) share the provinces. Stopping a province stops only its shard.
 * - "process": one process per province, as a deployment runs them.
 * Either way every province is reachable at its own URL and configured by {@link provinceShardEnv}.
 *
 * Services run compiled JavaScript (build.ts, rebuilt when a source changed) unless `runtime` (or
 * `JG_RUNTIME`) is "tsx". Provinces in the process layout start a few at a time (`startConcurrency`):
 * a start is CPU-bound, and all 30 at once on a 2-core machine would make each one's health timeout
 * measure the queue rather than the service. `p-map` (a dependency for this alone) bounds that.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pMap from "p-map";
import postgres from "postgres";
import { ensureServicesBuilt, entryPath } from "./build";
import { HostedShard, type ServiceHandle } from "./hosted-shard";
import { freePort } from "./ports";
import { ManagedProcess, type ServiceSpec } from "./process";
import { HOME_PLATFORM_SERVICE, provinceServiceName } from "@jg/handoff";
import { defaultEdge, GATEWAY_SERVICE, generateSystemKeys, HIVE_GATEWAY_SERVICE, ROUTER_SERVICE, type Edge, type SystemKeys } from "./secrets";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Where the other provinces run: shard hosts (several provinces per process) or a process each. */
export type Layout = "host" | "process";
/** Compiled JavaScript built ahead of start, or TypeScript through tsx at run time. */
export type Runtime = "compiled" | "tsx";

function parseLayout(text: string | undefined): Layout | undefined {
  if (text === undefined || text === "") return undefined;
  if (text === "host" || text === "process") return text;
  throw new Error(`LAYOUT must be "host" or "process", got ${JSON.stringify(text)}`);
}

function parseRuntime(text: string | undefined): Runtime | undefined {
  if (text === undefined || text === "") return undefined;
  if (text === "compiled" || text === "tsx") return text;
  throw new Error(`JG_RUNTIME must be "compiled" or "tsx", got ${JSON.stringify(text)}`);
}

/** The layout when none is given: `LAYOUT` from the environment, else "host". */
export function defaultLayout(env: NodeJS.ProcessEnv = process.env): Layout {
  return parseLayout(env["LAYOUT"]) ?? "host";
}

/** The runtime when none is given: `JG_RUNTIME` from the environment, else "compiled". */
export function defaultRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  return parseRuntime(env["JG_RUNTIME"]) ?? "compiled";
}

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
  /** How many provinces start at once (process layout); default twice the machine's available parallelism. */
  startConcurrency?: number;
  /** Shard hosts or a process per province; default {@link defaultLayout} (`LAYOUT`, else "host"). */
  layout?: Layout;
  /** Host layout: how many shard-host processes share the provinces; default one per core (at most one per province). */
  shardHosts?: number;
  /** Compiled JavaScript or tsx; default {@link defaultRuntime} (`JG_RUNTIME`, else "compiled"). */
  runtime?: Runtime;
  /** Node options of every service (e.g. V8 flags such as `--liftoff-only`); default `JG_NODE_ARGS` split at spaces, else none. */
  nodeArgs?: string[];
  /**
   * The edge (issue 13): our gateway (default), or "hive-gateway": Hive Gateway (deploy/hive-gateway) in
   * front of the standalone province router; default `EDGE`. Hive Gateway has no virtual clock: a system
   * behind it runs on the system clock (`virtualClockStart` is refused).
   */
  edge?: Edge;
}

export interface RunningSystem {
  /** The edge's base URL: our gateway's, or Hive Gateway's (`edge`). */
  gatewayUrl: string;
  edge: Edge;
  /** Where the shard request metrics are (`/metrics`): the gateway, or the standalone province router. */
  routerUrl: string;
  platformUrl: string;
  /** Province code → shard base URL (including "50"). */
  shards: Record<string, string>;
  /** The run's keys: the launcher's, the simulator's and the tests' credentials come from here. */
  keys: SystemKeys;
  /**
   * Every service by name: "chongqing", "province-51", …, "gateway". A province in a shard host is a
   * {@link HostedShard}: stopping or starting it stops or starts that province only.
   */
  services: Map<string, ServiceHandle>;
  /** Every OS process by name ("chongqing", "gateway", "province-51" or "shard-host-1", …), e.g. to measure RSS. */
  processes: Map<string, ManagedProcess>;
  layout: Layout;
  runtime: Runtime;
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

/** What every service's environment shares. */
interface EnvContext {
  options: SystemOptions;
  keys: SystemKeys;
  /** A service's own private key, for its SIGNING_KEY (each service gets its own only). */
  signingKey(service: string): string;
  platformUrl: string;
  dbUrl(suffix: string): string | undefined;
  dataDir(name: string): string | undefined;
}

function compact(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The environment every service gets. */
function commonEnv(ctx: EnvContext): Record<string, string> {
  const { options, keys } = ctx;
  return {
    KEY_DIRECTORY: JSON.stringify(keys.directory),
    DELIVERY_DELAY_MS: String(options.deliveryDelayMs ?? 0),
    ...(options.virtualClockStart ? { CLOCK_MODE: "virtual", CLOCK_START: options.virtualClockStart } : {}),
    ...options.env,
  };
}

/**
 * One province shard's own configuration (on top of {@link commonEnv}), the same in both layouts: the
 * environment of its process, or its record in its shard host's HOSTED_SHARDS.
 */
function provinceShardEnv(ctx: EnvContext, code: string, port: number): Record<string, string> {
  return compact({
    PROVINCE_CODE: code,
    PORT: String(port),
    SIGNING_KEY: ctx.signingKey(provinceServiceName(code)),
    HOME_PLATFORM_URL: ctx.platformUrl,
    DATABASE_URL: ctx.dbUrl(`p${code}`),
    DATA_DIR: ctx.dataDir(`province-${code}`),
  });
}

/** The Chongqing process's own configuration (platform and shard 50). */
function chongqingEnv(ctx: EnvContext, platformPort: number, shard50Port: number): Record<string, string> {
  return compact({
    PORT: String(platformPort),
    SIGNING_KEY: ctx.signingKey(HOME_PLATFORM_SERVICE),
    SHARD50_SIGNING_KEY: ctx.signingKey(provinceServiceName("50")),
    CODE_SECRET: ctx.keys.codeSecret,
    DATABASE_URL: ctx.dbUrl("platform"),
    DATA_DIR: ctx.dataDir("platform"),
    SHARD50_PORT: String(shard50Port),
    SHARD50_DATABASE_URL: ctx.dbUrl("p50"),
    SHARD50_DATA_DIR: ctx.dataDir("province-50"),
    SHARD50_DELIVERY_DELAY_MS: String(ctx.options.deliveryDelayMs ?? 0),
  });
}

/** The gateway's own configuration. */
function gatewayEnv(ctx: EnvContext, port: number, shards: Record<string, string>): Record<string, string> {
  const { options } = ctx;
  return {
    PORT: String(port),
    SIGNING_KEY: ctx.signingKey(GATEWAY_SERVICE),
    PLATFORM_URL: `${ctx.platformUrl}/graphql`,
    SHARDS: Object.entries(shards).map(([code, url]) => `${code}=${url}/graphql`).join(","),
    ...(options.shardTimeoutMs !== undefined ? { SHARD_TIMEOUT_MS: String(options.shardTimeoutMs) } : {}),
    ...(options.breakerCoolDownMs !== undefined ? { BREAKER_COOLDOWN_MS: String(options.breakerCoolDownMs) } : {}),
  };
}

/** The standalone province router's configuration (EDGE=hive-gateway), the shard settings as the gateway's. */
function routerEnv(ctx: EnvContext, port: number, shards: Record<string, string>): Record<string, string> {
  const { PLATFORM_URL: _platform, ...shardSettings } = gatewayEnv(ctx, port, shards);
  return { ...shardSettings, SIGNING_KEY: ctx.signingKey(ROUTER_SERVICE) };
}

/** Hive Gateway's configuration (deploy/hive-gateway/gateway.config.ts). */
function hiveGatewayEnv(ctx: EnvContext, port: number, routerUrl: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    SIGNING_KEY: ctx.signingKey(HIVE_GATEWAY_SERVICE),
    PLATFORM_URL: `${ctx.platformUrl}/graphql`,
    PROVINCE_ROUTER_URL: `${routerUrl}/graphql`,
    JWKS_URLS: `${ctx.platformUrl}/.well-known/jwks.json`,
  };
}

/** Splits provinces over `n` hosts, round robin (so each host starts about as many). */
export function assignHosts(provinces: string[], n: number): string[][] {
  const hosts = Array.from({ length: Math.max(1, Math.min(n, provinces.length)) }, () => [] as string[]);
  provinces.forEach((code, i) => hosts[i % hosts.length]!.push(code));
  return hosts.filter((h) => h.length > 0);
}

/** Starts the system; resolves once every service is healthy. Stops what it started if any fails. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const provinces = [...new Set(options.provinces.filter((p) => p !== "50"))];
  const layout = options.layout ?? defaultLayout();
  const runtime = options.runtime ?? defaultRuntime();
  if (runtime === "compiled") await ensureServicesBuilt();
  const edge = options.edge ?? defaultEdge();
  if (edge === "hive-gateway" && options.virtualClockStart) throw new Error("Hive Gateway has no virtual clock: EDGE=hive-gateway runs on the system clock");
  const keys = options.keys ?? generateSystemKeys(provinces, edge);
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dbNames = options.postgresAdminUrl
    ? ["platform", "p50", ...provinces.map((p) => `p${p}`)].map((n) => `jg_${runId}_${n}`)
    : [];
  const dbUrls = options.postgresAdminUrl ? await createDatabases(options.postgresAdminUrl, dbNames) : {};

  const platformPort = await freePort();
  const shard50Port = await freePort();
  const platformUrl = `http://127.0.0.1:${platformPort}`;
  const ctx: EnvContext = {
    options,
    keys,
    signingKey: (service) => {
      const key = keys.privateKeys[service];
      if (!key) throw new Error(`no key for ${service} in the run's keys`);
      return key;
    },
    platformUrl,
    dbUrl: (suffix) => dbUrls[`jg_${runId}_${suffix}`],
    dataDir: (name) => (options.dataRoot ? join(options.dataRoot, name) : undefined),
  };
  const common = commonEnv(ctx);
  const log = (name: string) => (options.logDir ? join(options.logDir, `${name}.log`) : undefined);
  const nodeArgs = options.nodeArgs ?? (process.env["JG_NODE_ARGS"] ?? "").split(" ").filter(Boolean);
  const spec = (s: Omit<ServiceSpec, "cwd" | "logFile">): ServiceSpec => ({ ...s, cwd: repoRoot, logFile: log(s.name), nodeArgs });
  const entry = (name: Parameters<typeof entryPath>[0]) => entryPath(name, runtime);

  const shards: Record<string, string> = { "50": `http://127.0.0.1:${shard50Port}` };
  const services = new Map<string, ServiceHandle>();
  const processes = new Map<string, ManagedProcess>();
  const add = (name: string, p: ManagedProcess) => {
    processes.set(name, p);
    services.set(name, p);
  };

  add(
    "chongqing",
    new ManagedProcess(
      spec({ name: "chongqing", entry: entry("chongqing"), healthUrl: `${platformUrl}/healthz`, env: { ...common, ...chongqingEnv(ctx, platformPort, shard50Port) } }),
    ),
  );
  const ports: Record<string, number> = {};
  for (const code of provinces) {
    ports[code] = await freePort();
    shards[code] = `http://127.0.0.1:${ports[code]}`;
  }
  const hosts = layout === "host" ? assignHosts(provinces, options.shardHosts ?? availableParallelism()) : [];
  if (layout === "process") {
    for (const code of provinces) {
      add(
        `province-${code}`,
        new ManagedProcess(
          spec({ name: `province-${code}`, entry: entry("province"), healthUrl: `${shards[code]}/healthz`, env: { ...common, ...provinceShardEnv(ctx, code, ports[code]!) } }),
        ),
      );
    }
  } else {
    for (const [i, codes] of hosts.entries()) {
      const name = `shard-host-${i + 1}`;
      const hostPort = await freePort();
      const host = new ManagedProcess(
        spec({
          name,
          entry: entry("shard-host"),
          healthUrl: `http://127.0.0.1:${hostPort}/healthz`,
          ipc: true,
          env: { ...common, PORT: String(hostPort), HOSTED_SHARDS: JSON.stringify(codes.map((code) => provinceShardEnv(ctx, code, ports[code]!))) },
        }),
      );
      processes.set(name, host);
      for (const code of codes) services.set(`province-${code}`, new HostedShard(`province-${code}`, code, host, `${shards[code]}/healthz`));
    }
  }
  const gatewayPort = options.gatewayPort ?? (await freePort());
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  let routerUrl = gatewayUrl;
  if (edge === "gateway") {
    add(
      "gateway",
      new ManagedProcess(spec({ name: "gateway", entry: entry("gateway"), healthUrl: `${gatewayUrl}/healthz`, env: { ...common, ...gatewayEnv(ctx, gatewayPort, shards) } })),
    );
  } else {
    const routerPort = await freePort();
    routerUrl = `http://127.0.0.1:${routerPort}`;
    add(
      "province-router",
      new ManagedProcess(spec({ name: "province-router", entry: entry("province-router"), healthUrl: `${routerUrl}/healthz`, env: { ...common, ...routerEnv(ctx, routerPort, shards) } })),
    );
    add(
      "hive-gateway",
      new ManagedProcess(
        spec({ name: "hive-gateway", entry: join(repoRoot, "deploy/hive-gateway/serve.mjs"), healthUrl: `${gatewayUrl}/healthcheck`, env: { ...common, ...hiveGatewayEnv(ctx, gatewayPort, routerUrl) } }),
      ),
    );
  }

  const stop = async () => {
    await Promise.allSettled([...processes.values()].reverse().map((s) => s.stop()));
    if (options.postgresAdminUrl) await dropDatabases(options.postgresAdminUrl, dbNames);
  };
  try {
    const timeout = options.startTimeoutMs ?? 90_000;
    // Chongqing first (every province hands off to it), then the provinces, then the gateway.
    await processes.get("chongqing")!.start(timeout);
    if (layout === "process") {
      await pMap(provinces, (code) => processes.get(`province-${code}`)!.start(timeout), {
        concurrency: options.startConcurrency ?? Math.max(2, availableParallelism() * 2),
      });
    } else {
      // A host starts its shards one after another: its health waits for all of them.
      await Promise.all(hosts.map((codes, i) => processes.get(`shard-host-${i + 1}`)!.start(timeout + 10_000 * codes.length)));
    }
    if (edge === "gateway") await processes.get("gateway")!.start(timeout);
    else {
      await processes.get("province-router")!.start(timeout);
      await processes.get("hive-gateway")!.start(timeout);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { gatewayUrl, edge, routerUrl, platformUrl, shards, keys, services, processes, layout, runtime, databases: dbNames, stop };
}
