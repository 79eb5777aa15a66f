/**
 * The platform service's configuration: one zod schema, parsed once in `index.ts` and passed down
 * (nothing else reads `process.env`). `configFromEnv` maps environment variables onto it.
 */
import { DEFAULT_POLICY_TABLE, EPIDEMIC_2020_POLICY, STANDARD_POLICY, type PolicyTable } from "@jg/rules";
import { isProvinceCode } from "@jg/provinces";
import { HOME_PLATFORM_SERVICE, provinceServiceName } from "@jg/handoff";
import { generateKeySet, KeyDirectory, serviceKeysFromEnv, serviceKeysOf, serviceKeysSchema, type ServiceKeys } from "@jg/identity";
import { clockConfigSchema, envBool, envInt, envJson, envString, isProductionEnv } from "@jg/service-kit";
import { z } from "zod";
import { citizenSettingsSchema } from "./adapters/settings";

/**
 * Development-only secret of the platform's own SMS code hashes and filing QR codes (never shared with
 * another service): refused in production mode so a real deployment cannot run on it.
 */
export const DEVELOPMENT_CODE_SECRET = "development-code-secret-do-not-use-in-production";

const secret = z.string().min(32, "secrets are at least 32 bytes");

/**
 * Throwaway keys for a development run without configured keys: the platform and shard 50 only, so
 * no edge is in the directory and every GraphQL request is refused (the launcher passes real ones).
 * Production mode refuses to start without configured keys.
 */
function throwawayKeys(): { platform: ServiceKeys; shard50: ServiceKeys } {
  const set = generateKeySet([
    { service: HOME_PLATFORM_SERVICE, roles: ["platform", "issuer"] },
    { service: provinceServiceName("50"), roles: ["province"], province: "50" },
  ]);
  const directory = new KeyDirectory(set.directory);
  return { platform: serviceKeysOf(set, HOME_PLATFORM_SERVICE, directory), shard50: serviceKeysOf(set, provinceServiceName("50"), directory) };
}
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD (a CST calendar date)");
const POLICY_SETS = { standard: STANDARD_POLICY, "epidemic-2020": EPIDEMIC_2020_POLICY } as const;

/**
 * One period of the policy table (R-ELG-2, R-ELG-3E): which policy set is in force on which CST dates in
 * which provinces. Used to replace the built-in table, e.g. to play the 2020 epidemic relaxations on a
 * simulated date; a period not from a source must say so (`assumed`, the default) and why (`source`).
 */
export const policyPeriodSchema = z
  .object({
    policy: z.enum(["standard", "epidemic-2020"]),
    provinces: z.array(z.string().refine(isProvinceCode, "not one of the 31 province codes")).min(1),
    from: isoDate,
    to: isoDate,
    assumed: z.boolean().default(true),
    source: z.string().min(1).default("configured (POLICY_PERIODS)"),
  })
  .refine((p) => p.from <= p.to, { message: "from is after to", path: ["to"] });

/** A policy period as `POLICY_PERIODS` takes it (defaults not yet applied); the simulator builds these. */
export type PolicyPeriodInput = z.input<typeof policyPeriodSchema>;

/** The policy table of a configuration: the built-in one of @jg/rules unless periods are configured. */
export function policyTableOf(config: { policyPeriods?: z.infer<typeof policyPeriodSchema>[] | undefined }): PolicyTable {
  if (!config.policyPeriods) return DEFAULT_POLICY_TABLE;
  return {
    standard: STANDARD_POLICY,
    periods: config.policyPeriods.map((p) => ({ ...p, policy: POLICY_SETS[p.policy] })),
  };
}
const port = z.coerce.number().int().min(0).max(65535);

export const configSchema = z
  .object({
    /** Port of the platform subgraph and its internal API. Default 4001; 0 picks a free port. */
    port: port.default(4001),
    /** Interface to bind. Default 127.0.0.1 (loopback only). */
    host: z.string().min(1).default("127.0.0.1"),
    /** PostgreSQL URL of the platform database. Default none: embedded PGlite. */
    databaseUrl: z.string().url().optional(),
    /** PGlite data folder for a persistent local run. Default none: in memory. Ignored with databaseUrl. */
    dataDir: z.string().min(1).optional(),
    /**
     * The platform's own signing key (service `home-platform`: citizens' access tokens issued at
     * sign-in, R-REG) and the key directory it verifies every caller against (identity headers from an
     * edge, service tokens of the shards and the launcher, the composer's credential), issue 10 §4–§5.
     * From SIGNING_KEY and KEY_DIRECTORY. Default (development only): throwaway keys, see above.
     */
    keys: serviceKeysSchema.optional(),
    /** Secret of the platform's own SMS code hashes and filing QR codes (CODE_SECRET). Default: a development secret. */
    codeSecret: secret.default(DEVELOPMENT_CODE_SECRET),
    /**
     * Production mode. Default false. In production the keys must be configured, the development code secret is refused, and the
     * development SMS and face-verification adapters refuse to run unless real ones are configured.
     */
    production: z.boolean().default(false),
    /** SMS codes, QR codes, tokens, leases and feedback limits (src/adapters/settings.ts); defaults there. */
    citizen: citizenSettingsSchema.prefault({}),
    /** pino log level. Default "info". */
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * The process's clock, shared by the platform and shard 50 (docs/design.md §5): the system clock by
     * default; "virtual" for simulations, moved through the authorized `/internal/clock` route.
     */
    clock: clockConfigSchema,
    /**
     * The policy periods (R-ELG-2, R-ELG-3E) replacing the built-in table of @jg/rules (whose epidemic
     * period is 2020-02-12..2020-06-30, its end assumed). Default none: the built-in table.
     */
    policyPeriods: z.array(policyPeriodSchema).optional(),
    /** Partners' webhook deliveries (issue 18, src/webhooks/relay.ts). */
    webhooks: z
      .object({
        /** Run the webhook relay in this process. Default true. */
        relay: z.boolean().default(true),
        /** Failed attempts in a row before a delivery is FAILED (replayable). Default 12. */
        maxAttempts: z.coerce.number().int().min(1).max(100).default(12),
        /** Delay after the first failure (ms), doubled per failure. Default 1000. */
        backoffBaseMs: z.coerce.number().int().min(1).default(1_000),
        /** Largest delay between attempts (ms). Default 3 600 000 (1 h). */
        backoffMaxMs: z.coerce.number().int().min(1).default(3_600_000),
        /** Per-request timeout (ms). Default 10 000. */
        timeoutMs: z.coerce.number().int().min(100).max(60_000).default(10_000),
        /** Pause between polls of the webhook outbox (ms). Default 500. */
        pollIntervalMs: z.coerce.number().int().min(10).default(500),
      })
      .prefault({}),
    /** Chongqing's own province shard (province 50), run from @jg/province-service in this process. */
    shard50: z
      .object({
        /** Start the shard. Default true. */
        enabled: z.boolean().default(true),
        /** Port of the shard's subgraph. Default 4050; 0 picks a free port. */
        port: port.default(4050),
        /** PostgreSQL URL of the shard's own database. Default none: embedded PGlite. */
        databaseUrl: z.string().url().optional(),
        /** PGlite data folder of the shard. Default none: in memory. */
        dataDir: z.string().min(1).optional(),
        /** Delay before the shard's outbox messages reach the home platform (R-SYNC-1). Default 0 ms. */
        deliveryDelayMs: z.coerce.number().int().min(0).default(0),
        /** The shard's outbox relay poll in ms; 0: only `POST /internal/tick` drains it (tests). Default 1 000. */
        relayIntervalMs: z.coerce.number().int().min(0).default(1_000),
        /** Development fault injection (`/internal/faults`) on a system clock too; refused in production. Default false. */
        faults: z.boolean().default(false),
        /** Shard 50's own key (service `province-50`, SHARD50_SIGNING_KEY) and the directory. Required with keys. */
        keys: serviceKeysSchema.optional(),
      })
      .default({ enabled: true, port: 4050, deliveryDelayMs: 0, relayIntervalMs: 1_000, faults: false }),
  })
  .superRefine((config, ctx) => {
    if (!config.production) return;
    if (config.shard50.faults) {
      ctx.addIssue({ code: "custom", path: ["shard50", "faults"], message: "fault injection is refused in production" });
    }
    if (config.codeSecret === DEVELOPMENT_CODE_SECRET) {
      ctx.addIssue({ code: "custom", path: ["codeSecret"], message: "codeSecret must be set in production" });
    }
    if (!config.keys) ctx.addIssue({ code: "custom", path: ["keys"], message: "keys (SIGNING_KEY, KEY_DIRECTORY) must be configured in production" });
    if (config.shard50.enabled && !config.shard50.keys) {
      ctx.addIssue({ code: "custom", path: ["shard50", "keys"], message: "shard 50's key (SHARD50_SIGNING_KEY) must be configured in production" });
    }
  });

/** A parsed configuration: with keys (configured, or throwaway ones in development). */
export type PlatformConfig = Omit<z.infer<typeof configSchema>, "keys" | "shard50"> & {
  keys: ServiceKeys;
  shard50: Omit<z.infer<typeof configSchema>["shard50"], "keys"> & { keys: ServiceKeys };
};

/** Parses a configuration object, applying the defaults. Throws a ZodError naming every bad field. */
export function parseConfig(input: unknown): PlatformConfig {
  const config = configSchema.parse(input);
  if (config.keys && config.shard50.keys) {
    return { ...config, shard50: { ...config.shard50, keys: oneDirectory(config.shard50.keys, config.keys) } } as PlatformConfig;
  }
  if (config.keys && config.shard50.enabled) throw new Error("shard 50's key (SHARD50_SIGNING_KEY) is required with the platform's");
  const throwaway = throwawayKeys();
  const keys = config.keys ?? throwaway.platform;
  // Shard 50 disabled: its slot is never used; keep the type whole.
  return { ...config, keys, shard50: { ...config.shard50, keys: config.shard50.keys ?? (config.keys ? keys : throwaway.shard50) } };
}

/**
 * Shard 50 with the platform's key directory object when both list the same services and keys (both
 * read KEY_DIRECTORY): the directory remembers verified tokens, so the identity header the gateway
 * sends to both with one client request is verified once in this process, not once per directory (issue 11).
 */
function oneDirectory(shard: ServiceKeys, platform: ServiceKeys): ServiceKeys {
  if (shard.directory === platform.directory) return shard;
  const same = JSON.stringify(shard.directory.toJSON()) === JSON.stringify(platform.directory.toJSON());
  return same ? { ...shard, directory: platform.directory } : shard;
}

/**
 * The configuration from environment variables: PORT, HOST, DATABASE_URL, DATA_DIR, SIGNING_KEY (the
 * platform's private JWK), SHARD50_SIGNING_KEY (shard 50's), KEY_DIRECTORY (JSON or a file path),
 * CODE_SECRET, JG_PRODUCTION (or NODE_ENV=production), LOG_LEVEL, SHARD50_ENABLED,
 * SHARD50_PORT, SHARD50_DATABASE_URL, SHARD50_DATA_DIR, SHARD50_DELIVERY_DELAY_MS, SHARD50_RELAY_INTERVAL_MS, SHARD50_FAULTS, CLOCK_MODE ("system" |
 * "virtual"), CLOCK_START (ISO instant of a virtual clock), and the citizen services' limits (see
 * adapters/settings.ts): SMS_CODE_TTL_SECONDS, SMS_MAX_ATTEMPTS, SMS_MIN_INTERVAL_SECONDS, SMS_MAX_PER_DAY,
 * FILING_QR_TTL_SECONDS, SIGN_IN_TOKEN_TTL_SECONDS, MAX_LEASE_DAYS, FEEDBACK_MAX_SCREENSHOTS,
 * FEEDBACK_MAX_SCREENSHOT_BYTES, FEEDBACK_MAX_DESCRIPTION_LENGTH, and POLICY_PERIODS (a JSON array of
 * `policyPeriodSchema`). The webhook relay's WEBHOOK_RELAY, WEBHOOK_MAX_ATTEMPTS,
 * WEBHOOK_BACKOFF_BASE_MS, WEBHOOK_BACKOFF_MAX_MS, WEBHOOK_TIMEOUT_MS. Empty variables count as unset; booleans, integers and JSON are read by
 * service-kit's env helpers (one boolean rule: 1/true/yes/on or 0/false/no/off, else a startup error).
 */
export function configFromEnv(env: Record<string, string | undefined>): PlatformConfig {
  const get = (name: string) => envString(env, name);
  return parseConfig({
    port: envInt(env, "PORT"),
    host: get("HOST"),
    databaseUrl: get("DATABASE_URL"),
    dataDir: get("DATA_DIR"),
    keys: get("SIGNING_KEY") || get("KEY_DIRECTORY") ? serviceKeysFromEnv(HOME_PLATFORM_SERVICE, env) : undefined,
    codeSecret: get("CODE_SECRET"),
    production: isProductionEnv(env),
    logLevel: get("LOG_LEVEL"),
    clock: { mode: get("CLOCK_MODE"), start: get("CLOCK_START") },
    policyPeriods: envJson(env, "POLICY_PERIODS"),
    citizen: {
      sms: {
        codeTtlSeconds: envInt(env, "SMS_CODE_TTL_SECONDS"),
        maxAttempts: envInt(env, "SMS_MAX_ATTEMPTS"),
        minIntervalSeconds: envInt(env, "SMS_MIN_INTERVAL_SECONDS"),
        maxPerDay: envInt(env, "SMS_MAX_PER_DAY"),
      },
      filingQrTtlSeconds: envInt(env, "FILING_QR_TTL_SECONDS"),
      signInTokenTtlSeconds: envInt(env, "SIGN_IN_TOKEN_TTL_SECONDS"),
      maxLeaseDays: envInt(env, "MAX_LEASE_DAYS"),
      feedback: {
        maxScreenshots: envInt(env, "FEEDBACK_MAX_SCREENSHOTS"),
        maxScreenshotBytes: envInt(env, "FEEDBACK_MAX_SCREENSHOT_BYTES"),
        maxDescriptionLength: envInt(env, "FEEDBACK_MAX_DESCRIPTION_LENGTH"),
      },
    },
    webhooks: {
      relay: envBool(env, "WEBHOOK_RELAY"),
      maxAttempts: envInt(env, "WEBHOOK_MAX_ATTEMPTS"),
      backoffBaseMs: envInt(env, "WEBHOOK_BACKOFF_BASE_MS"),
      backoffMaxMs: envInt(env, "WEBHOOK_BACKOFF_MAX_MS"),
      timeoutMs: envInt(env, "WEBHOOK_TIMEOUT_MS"),
    },
    shard50: {
      enabled: envBool(env, "SHARD50_ENABLED"),
      port: envInt(env, "SHARD50_PORT"),
      databaseUrl: get("SHARD50_DATABASE_URL"),
      dataDir: get("SHARD50_DATA_DIR"),
      deliveryDelayMs: envInt(env, "SHARD50_DELIVERY_DELAY_MS"),
      relayIntervalMs: envInt(env, "SHARD50_RELAY_INTERVAL_MS"),
      faults: envBool(env, "SHARD50_FAULTS"),
      keys: get("SHARD50_SIGNING_KEY") ? serviceKeysFromEnv(provinceServiceName("50"), env, "SHARD50_") : undefined,
    },
  });
}
