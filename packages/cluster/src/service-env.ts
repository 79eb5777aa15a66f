/**
 * Each service's configuration (its environment) in a run of the system, and the two choices a run
 * makes from the launcher's environment (`LAYOUT`, `JG_RUNTIME`). Every port here is 0 at the first
 * start: the service binds a free port and reports it (@jg/service-kit's ready message); a restart
 * binds the port it reported (ManagedProcess's `onReady`).
 */
import { availableParallelism } from "node:os";
import { HOME_PLATFORM_SERVICE, provinceServiceName } from "@jg/handoff";
import { GATEWAY_SERVICE, HIVE_GATEWAY_SERVICE, ROUTER_SERVICE, type SystemKeys } from "./secrets";

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

/** What the services' environments are made from. */
export interface EnvContext {
  keys: SystemKeys;
  /** Handoff delivery delay (R-SYNC-1), ms. */
  deliveryDelayMs: number;
  /** Virtual clock start (ISO), if the run has one. */
  virtualClockStart?: string;
  /** Extra environment for every service. */
  extra?: Record<string, string>;
  /** A service's own private key, for its SIGNING_KEY (each service gets its own only). */
  signingKey(service: string): string;
  dbUrl(suffix: string): string | undefined;
  dataDir(name: string): string | undefined;
}

function compact(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The environment every service gets. */
export function commonEnv(ctx: EnvContext): Record<string, string> {
  return {
    KEY_DIRECTORY: JSON.stringify(ctx.keys.directory),
    DELIVERY_DELAY_MS: String(ctx.deliveryDelayMs),
    ...(ctx.virtualClockStart ? { CLOCK_MODE: "virtual", CLOCK_START: ctx.virtualClockStart } : {}),
    ...ctx.extra,
  };
}

/**
 * One province shard's own configuration (on top of {@link commonEnv}), the same in both layouts: the
 * environment of its process, or its record in its shard host's HOSTED_SHARDS.
 */
export function provinceShardEnv(ctx: EnvContext, code: string, platformUrl: string): Record<string, string> {
  return compact({
    PROVINCE_CODE: code,
    PORT: "0",
    SIGNING_KEY: ctx.signingKey(provinceServiceName(code)),
    HOME_PLATFORM_URL: platformUrl,
    DATABASE_URL: ctx.dbUrl(`p${code}`),
    DATA_DIR: ctx.dataDir(`province-${code}`),
  });
}

/** The Chongqing process's own configuration (platform and shard 50). */
export function chongqingEnv(ctx: EnvContext, codeSecret: string): Record<string, string> {
  return compact({
    PORT: "0",
    SIGNING_KEY: ctx.signingKey(HOME_PLATFORM_SERVICE),
    SHARD50_SIGNING_KEY: ctx.signingKey(provinceServiceName("50")),
    CODE_SECRET: codeSecret,
    DATABASE_URL: ctx.dbUrl("platform"),
    DATA_DIR: ctx.dataDir("platform"),
    SHARD50_PORT: "0",
    SHARD50_DATABASE_URL: ctx.dbUrl("p50"),
    SHARD50_DATA_DIR: ctx.dataDir("province-50"),
    SHARD50_DELIVERY_DELAY_MS: String(ctx.deliveryDelayMs),
  });
}

/** The gateway's own configuration. */
export function gatewayEnv(
  ctx: EnvContext,
  port: number,
  platformUrl: string,
  shards: Record<string, string>,
  timing: { shardTimeoutMs?: number; breakerCoolDownMs?: number },
): Record<string, string> {
  return {
    PORT: String(port),
    SIGNING_KEY: ctx.signingKey(GATEWAY_SERVICE),
    PLATFORM_URL: `${platformUrl}/graphql`,
    SHARDS: Object.entries(shards).map(([code, url]) => `${code}=${url}/graphql`).join(","),
    ...(timing.shardTimeoutMs !== undefined ? { SHARD_TIMEOUT_MS: String(timing.shardTimeoutMs) } : {}),
    ...(timing.breakerCoolDownMs !== undefined ? { BREAKER_COOLDOWN_MS: String(timing.breakerCoolDownMs) } : {}),
  };
}

/**
 * How many shard hosts the host layout starts when none is given: one per two cores, at least one.
 * The processes of a running system compete for the cores (the gateway, Chongqing, the hosts, and a
 * simulator's load), and a process woken for each request pays its wake-up and a cold cache every
 * time; fewer, busier hosts serve the same requests for less CPU. Measured on 2 cores (issue 12,
 * bench/README.md "Issue 12, eighth session"): one host for 6 provinces against two, simulator load with
 * 7 provinces, four alternated pairs: 38–41 ms of CPU a journey against 42–49, 2 702–2 922 journeys a
 * minute against 2 238–2 596; with 31 provinces 1 880 against 1 524 a minute, 1 489 MB against 1 726
 * at rest, seeded in 27.8 s against 25.9. Only the 2-core point is measured; on more cores one host per two keeps a
 * host's thread from becoming the bottleneck. `SHARD_HOSTS` / `--shard-hosts` override it.
 */
export function defaultShardHosts(cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

/** Splits provinces over `n` hosts, round robin (so each host starts about as many). */
export function assignHosts(provinces: string[], n: number): string[][] {
  const hosts = Array.from({ length: Math.max(1, Math.min(n, provinces.length)) }, () => [] as string[]);
  provinces.forEach((code, i) => hosts[i % hosts.length]!.push(code));
  return hosts.filter((h) => h.length > 0);
}

/** The standalone province router's configuration (EDGE=hive-gateway): the shard settings as the gateway's, its own key. */
export function routerEnv(
  ctx: EnvContext,
  platformUrl: string,
  shards: Record<string, string>,
  timing: { shardTimeoutMs?: number; breakerCoolDownMs?: number },
): Record<string, string> {
  const { PLATFORM_URL: _platform, ...shardSettings } = gatewayEnv(ctx, 0, platformUrl, shards, timing);
  return { ...shardSettings, SIGNING_KEY: ctx.signingKey(ROUTER_SERVICE) };
}

/** Hive Gateway's configuration (deploy/hive-gateway/gateway.config.ts). */
export function hiveGatewayEnv(ctx: EnvContext, port: number, platformUrl: string, routerUrl: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    SIGNING_KEY: ctx.signingKey(HIVE_GATEWAY_SERVICE),
    PLATFORM_URL: `${platformUrl}/graphql`,
    PROVINCE_ROUTER_URL: `${routerUrl}/graphql`,
    JWKS_URLS: `${platformUrl}/.well-known/jwks.json`,
  };
}
