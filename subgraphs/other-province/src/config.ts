/**
 * Environment → shard configuration. Every variable maps to one option of the province service's
 * config schema (@jg/province-service `provinceShardConfigSchema`, which documents each option and its
 * default); this file only names the variables and converts their text with service-kit's env helpers
 * (booleans: 1/true/yes/on or 0/false/no/off, anything else stops the start).
 *
 * | variable | option |
 * |---|---|
 * | PROVINCE_CODE (required) | provinceCode |
 * | PORT, HOST | port, host |
 * | DATABASE_URL | databaseUrl (PostgreSQL); absent → PGlite |
 * | DATA_DIR | dataDir (persistent PGlite) |
 * | HOME_PLATFORM_URL (required) | homePlatformUrl |
 * | SIGNING_KEY (the shard's private JWK with kid), KEY_DIRECTORY (JSON or a file path), both required | keys (issue 10 §5) |
 * | DELIVERY_DELAY_MS | deliveryDelayMs (R-SYNC-1) |
 * | PLATFORM_OPEN (boolean, `envBool`) | platformOpen (R-ELG-1d override) |
 * | MAINTENANCE_WINDOW ("HH:MM-HH:MM", CST) | maintenanceWindow (R-MNT-1) |
 * | SWEEP_INTERVAL_MS, RELAY_INTERVAL_MS, HOME_TIMEOUT_MS | sweepIntervalMs, relayIntervalMs, homeTimeoutMs |
 * | RELAY_MESSAGES_PER_REQUEST | relayMessagesPerRequest (handoff messages per request; 1 = one per message) |
 * | RELAY_REQUESTS_IN_FLIGHT | relayRequestsInFlight (batched requests sent at once; default 4) |
 * | CHECK_VIEWER_ACCESS (boolean, `envBool`) | checkViewerAccess |
 * | FAULTS (boolean, `envBool`) | faults (development fault injection on a system clock; refused in production mode: JG_PRODUCTION, else NODE_ENV=production) |
 * | BATCH_OUTBOX_LAG_LIMIT_MS, BATCH_RETRY_AFTER_SECONDS | batchOutboxLagLimitMs, batchRetryAfterSeconds (recordViolations back-pressure) |
 * | COLLECTING_BANK_ID | collectingBankId (the bank reconciling the online channels) |
 * | LOG_LEVEL | logLevel |
 * | CLOCK_MODE ("system"/"virtual"), CLOCK_START (ISO) | clock (docs/design.md §5; the simulator moves a virtual clock) |
 */
import { parseProvinceShardConfig, type ProvinceShardConfig } from "@jg/province-service";
import { serviceKeysFromEnv } from "@jg/identity";
import { envBool, envInt, envString, isProductionEnv } from "@jg/service-kit";

function window(value: string | undefined): { from: string; to: string } | undefined {
  if (value === undefined || value === "") return undefined;
  const match = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(value);
  if (!match) throw new Error(`MAINTENANCE_WINDOW must look like "22:00-01:00", got ${JSON.stringify(value)}`);
  return { from: match[1]!, to: match[2]! };
}

/** FAULTS, refused in production mode (`isProductionEnv`, as every service reads it). */
function developmentFaults(env: NodeJS.ProcessEnv): boolean | undefined {
  const faults = envBool(env, "FAULTS");
  if (faults && isProductionEnv(env)) throw new Error("FAULTS (development fault injection) is refused in production mode");
  return faults;
}

/** Reads and validates the configuration from environment variables; throws naming every bad one. */
export function configFromEnv(env: NodeJS.ProcessEnv): ProvinceShardConfig {
  const pick = (name: string) => envString(env, name);
  return parseProvinceShardConfig({
    provinceCode: pick("PROVINCE_CODE"),
    port: envInt(env, "PORT"),
    host: pick("HOST"),
    databaseUrl: pick("DATABASE_URL"),
    dataDir: pick("DATA_DIR"),
    homePlatformUrl: pick("HOME_PLATFORM_URL"),
    keys: serviceKeysFromEnv(`province-${pick("PROVINCE_CODE") ?? ""}`, env),
    deliveryDelayMs: envInt(env, "DELIVERY_DELAY_MS"),
    platformOpen: envBool(env, "PLATFORM_OPEN"),
    maintenanceWindow: window(env.MAINTENANCE_WINDOW),
    sweepIntervalMs: envInt(env, "SWEEP_INTERVAL_MS"),
    relayIntervalMs: envInt(env, "RELAY_INTERVAL_MS"),
    relayMessagesPerRequest: envInt(env, "RELAY_MESSAGES_PER_REQUEST"),
    relayRequestsInFlight: envInt(env, "RELAY_REQUESTS_IN_FLIGHT"),
    homeTimeoutMs: envInt(env, "HOME_TIMEOUT_MS"),
    checkViewerAccess: envBool(env, "CHECK_VIEWER_ACCESS"),
    batchOutboxLagLimitMs: envInt(env, "BATCH_OUTBOX_LAG_LIMIT_MS"),
    batchRetryAfterSeconds: envInt(env, "BATCH_RETRY_AFTER_SECONDS"),
    collectingBankId: pick("COLLECTING_BANK_ID"),
    faults: developmentFaults(env),
    logLevel: pick("LOG_LEVEL"),
    clock: { mode: pick("CLOCK_MODE"), start: pick("CLOCK_START") },
  });
}
