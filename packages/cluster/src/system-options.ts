/**
 * What `startSystem` (system.ts) takes and what it returns: the options of a run (provinces, databases,
 * layout, runtime, edge, timeouts) and the running system (URLs, keys, services and processes).
 */
import type { ServiceHandle } from "./hosted-shard";
import type { ManagedProcess } from "./process";
import type { Edge, SystemKeys } from "./secrets";
import type { Layout, Runtime } from "./service-env";

export interface SystemOptions {
  /** Province codes besides Chongqing (50), e.g. ["51", "52", "42"]. */
  provinces: string[];
  /** PGlite data folders go under `<dataRoot>/<service>` and stay; absent: `PGLITE_STORAGE` (pglite-storage.ts). */
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
  /** Fixed gateway port (e.g. 4000 for `npm start`); default a free port the gateway binds and reports. */
  gatewayPort?: number;
  /** Keys of the run (every service's, and the directory); default fresh ones (generateSystemKeys). */
  keys?: SystemKeys;
  /** Extra environment for every service (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
  /** Time allowed for each service to become healthy, ms; default 90 s. */
  startTimeoutMs?: number;
  /** How many provinces start at once (process layout); default twice the machine's available parallelism. */
  startConcurrency?: number;
  /** Shard hosts or a process per province; default `defaultLayout` (`LAYOUT`, else "host"). */
  layout?: Layout;
  /** Host layout: how many shard-host processes share the provinces; default `defaultShardHosts()`, one per two cores and at least one (at most one per province). */
  shardHosts?: number;
  /** Compiled JavaScript or tsx; default `defaultRuntime` (`JG_RUNTIME`, else "compiled"). */
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
   * `HostedShard`: stopping or starting it stops or starts that province only.
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
