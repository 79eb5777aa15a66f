/** What a simulation is started with, and the gateway timings it gives its gateway explicitly. */
import type { PolicyPeriodInput } from "@jg/chongqing/config";
import type { Layout } from "@jg/cluster";
import type { ProvinceFault } from "./fault-injection";

/** One period of Chongqing's policy table, as its `POLICY_PERIODS` setting takes it (its own schema's type). */
export type PolicyPeriod = PolicyPeriodInput;

export interface SimulationOptions {
  /** Province codes besides Chongqing (50), e.g. ["51", "52"]. */
  provinces: string[];
  /** Population seed; default 12123. */
  seed?: number;
  /** Virtual start instant (ISO); default 2026-03-10T02:00:00Z, 10:00 CST on a Tuesday. */
  start?: string;
  /** One PostgreSQL database per service on this server instead of PGlite; default PGlite. */
  postgresAdminUrl?: string;
  /** PGlite data folders (kept across restarts); default a temporary folder removed by stop(). */
  dataRoot?: string;
  /** Delivery delay of handoff messages between provinces and the home platform (R-SYNC-1), ms; default 0. */
  deliveryDelayMs?: number;
  /** Service logs (`<logDir>/<service>.log`); default discarded. */
  logDir?: string;
  /**
   * Citizens of a `load` population (0–1 violations per vehicle, seeding stays short); absent: the
   * `demo` population of 24 citizens with the cast the scenarios act as.
   */
  populationCitizens?: number;
  /** The gateway's per-attempt timeout of shard requests, ms; default SIMULATION_SHARD_TIMEOUT_MS (3 000). */
  shardTimeoutMs?: number;
  /** Chongqing's policy table (R-ELG-2, R-ELG-3E), replacing the built-in one; default the built-in. */
  policyPeriods?: PolicyPeriod[];
  /** Faults applied once the system is seeded (the CLI's `--slow`, `--drop`); default none. */
  faults?: ProvinceFault[];
  /** Shard hosts or a process per province (`--layout`); default @jg/cluster's (`LAYOUT`, else "host"). */
  layout?: Layout;
  /** Host layout: how many shard-host processes (`--shard-hosts`); default one per two cores, at least one (`defaultShardHosts` of @jg/cluster). */
  shardHosts?: number;
}

/**
 * The gateway settings a simulation relies on, given to its gateway explicitly (so a scenario's timing
 * does not depend on the gateway's defaults): the per-attempt shard timeout, unless `shardTimeoutMs`
 * says otherwise, and how long an open circuit waits before it probes the shard again.
 */
export const SIMULATION_SHARD_TIMEOUT_MS = 3000;
export const SIMULATION_BREAKER_COOL_DOWN_MS = 10_000;

/** Default virtual start: a Tuesday 10:00 CST, outside the night window (R-MNT-1). */
export const DEFAULT_START = "2026-03-10T02:00:00.000Z";
