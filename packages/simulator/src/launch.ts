/** The system of a simulation: its population generated, its services started on the virtual clock (not yet seeded). */
import { HOME_PROVINCE_CODE } from "@jg/provinces";
import { startSystem, type RunningSystem } from "@jg/cluster";
import { generatePopulation, presets, type Population } from "@jg/population";
import { DEFAULT_START, SIMULATION_BREAKER_COOL_DOWN_MS, SIMULATION_SHARD_TIMEOUT_MS, type SimulationOptions } from "./sim-options";

/**
 * The population `options` describe: a `load` population of `populationCitizens` (0–1 violations per
 * vehicle, so seeding stays short), else the `demo` one with the scenarios' cast.
 */
export function populationOf(options: SimulationOptions): Population {
  const base = { seed: options.seed ?? 12123, now: new Date(options.start ?? DEFAULT_START), provinces: [HOME_PROVINCE_CODE, ...options.provinces] };
  return generatePopulation(
    options.populationCitizens
      ? presets.load({ ...base, citizens: options.populationCitizens, violationsPerVehicle: { min: 0, max: 1 } })
      : presets.demo(base),
  );
}

/**
 * Starts the system `options` describe. Without `dataRoot` or PostgreSQL its PGlite databases are in a
 * temporary folder @jg/cluster removes when the system stops (`PGLITE_STORAGE`, pglite-storage.ts).
 */
export async function launch(options: SimulationOptions): Promise<{ system: RunningSystem; population: Population }> {
    const start = options.start ?? DEFAULT_START;
    const population = populationOf(options);
    const system = await startSystem({
      provinces: options.provinces,
      virtualClockStart: start,
      deliveryDelayMs: options.deliveryDelayMs ?? 0,
      // POLICY_PERIODS is read by the Chongqing service only; the other services ignore it.
      env: { LOG_LEVEL: "warn", ...(options.policyPeriods ? { POLICY_PERIODS: JSON.stringify(options.policyPeriods) } : {}) },
      startTimeoutMs: 180_000,
      shardTimeoutMs: options.shardTimeoutMs ?? SIMULATION_SHARD_TIMEOUT_MS,
      breakerCoolDownMs: SIMULATION_BREAKER_COOL_DOWN_MS,
      ...(options.layout ? { layout: options.layout } : {}),
      ...(options.shardHosts ? { shardHosts: options.shardHosts } : {}),
      ...(options.postgresAdminUrl ? { postgresAdminUrl: options.postgresAdminUrl } : {}),
      ...(options.dataRoot ? { dataRoot: options.dataRoot } : {}),
      ...(options.logDir ? { logDir: options.logDir } : {}),
    });
    return { system, population };
}
