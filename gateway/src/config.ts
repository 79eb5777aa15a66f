/**
 * The gateway's configuration: one zod schema, parsed once (docs/style.md practice 6). `loadConfig` reads it
 * from the environment; `createGateway` takes the parsed object, so tests build it directly.
 */
import { serviceKeysFromEnv, serviceKeysSchema } from "@jg/identity";
import { clockConfigSchema, EDGE_DOCUMENT_LIMITS, envBool, envInt, envJson, isProductionEnv } from "@jg/service-kit";
import { z } from "zod";
import { apiKeyMapSchema } from "./edge/authenticate";

const url = z.url({ protocol: /^https?$/ });

/** The gateway's default service name: its key's name in the directory, the audience of tokens sent to it. */
export const GATEWAY_SERVICE = "gateway";

/** The edge's document limits (defaults are the edge's: also what deploy/hive-gateway and deploy/apollo-router are set to). */
const limitsSchema = z
  .object({
    /** Deepest field nesting (default 12). */
    maxDepth: z.number().int().positive().default(EDGE_DOCUMENT_LIMITS.maxDepth),
    /** Most aliases per operation, `__typename` included (default 30). */
    maxAliases: z.number().int().nonnegative().default(EDGE_DOCUMENT_LIMITS.maxAliases),
    /** Highest operation cost (default 5 000). */
    maxCost: z.number().int().positive().default(5000),
    /** Assumed list length when costing (default 10). */
    listSize: z.number().int().positive().default(10),
    /** Most lexical tokens in a document, checked while parsing (default 2 000). */
    maxTokens: z.number().int().positive().default(EDGE_DOCUMENT_LIMITS.maxTokens),
    /** Most fields in a document, fragments expanded, checked before validation (default 1 000). */
    maxSelections: z.number().int().positive().default(EDGE_DOCUMENT_LIMITS.maxSelections),
    /** Most selections in any one selection set, checked before validation (default 100). */
    maxSelectionsPerSet: z.number().int().positive().default(EDGE_DOCUMENT_LIMITS.maxSelectionsPerSet),
  })
  .prefault({});

/** The edge's limits with every default: depth, aliases, cost and list size, tokens, selections (issue 13: other edges import these). */
export const DEFAULT_EDGE_LIMITS = limitsSchema.parse({});

/**
 * How the gateway and the province router call a shard: timeouts, retries, circuit breaker. One field set,
 * spread into both configs.
 */
/** The environment of {@link shardCallFields}, read the same way by the gateway and the standalone router. */
export function shardCallFromEnv(env: Record<string, string | undefined>) {
  return {
    shardTimeoutMs: envInt(env, "SHARD_TIMEOUT_MS"),
    shardBatchTimeoutMs: envInt(env, "SHARD_BATCH_TIMEOUT_MS"),
    shardRetries: envInt(env, "SHARD_RETRIES"),
    retryBaseMs: envInt(env, "RETRY_BASE_MS"),
    breakerFailures: envInt(env, "BREAKER_FAILURES"),
    breakerCoolDownMs: envInt(env, "BREAKER_COOLDOWN_MS"),
  };
}

export const shardCallFields = {
  /** Per-attempt timeout of a shard request in ms (default 3 000). */
  shardTimeoutMs: z.number().int().positive().default(3000),
  /**
   * Per-attempt timeout in ms of a heavy batch mutation's shard request (`recordViolations`,
   * `submitReconciliation`: route-table.ts `batch`); queries and other mutations keep `shardTimeoutMs`
   * (default 30 000; a 500-record batch took up to 5 s on a loaded machine, bench/README.md).
   */
  shardBatchTimeoutMs: z.number().int().positive().default(30_000),
  /** Extra attempts of a failed shard query; mutations are never retried (default 2). */
  shardRetries: z.number().int().min(0).max(5).default(2),
  /** First retry backoff in ms, doubled per retry, full jitter (service-kit `backoffDelay`; default 50). */
  retryBaseMs: z.number().int().min(0).default(50),
  /** Consecutive failures that open a shard's circuit (default 5). */
  breakerFailures: z.number().int().positive().default(5),
  /** How long an open circuit waits before a probe, in ms (default 10 000). */
  breakerCoolDownMs: z.number().int().positive().default(10_000),
};

export const configSchema = z
  .object({
    /** Port to listen on (default 4000; 0 picks a free one). */
    port: z.number().int().min(0).max(65535).default(4000),
    /** Interface to bind (default 127.0.0.1). */
    host: z.string().default("127.0.0.1"),
    /** Path of the composed supergraph (default `gateway/supergraph.graphql`); ignored when `supergraphSdl` is given. */
    supergraphPath: z.string().optional(),
    /** The supergraph SDL itself (tests, or a development mode that composes from running services). */
    supergraphSdl: z.string().optional(),
    /** URL of the `platform` subgraph (Chongqing's GraphQL endpoint). */
    platformUrl: url,
    /** The shard directory: province code → that shard's GraphQL URL (docs/design.md §9). */
    shards: z.record(z.string().regex(/^\d{2}$/), url),
    /**
     * The gateway's own signing key (an `edge` and `composer` in the directory: it signs the identity
     * header, an anonymous client's included, and the composer's credential for shard SDL) and the key
     * directory that verifies bearer access tokens (signed by an `issuer`: the platform) and the service
     * tokens of `/internal/clock` (issue 10 §4–§6). From SERVICE_NAME (default "gateway"), SIGNING_KEY,
     * KEY_DIRECTORY. Required.
     */
    keys: serviceKeysSchema,
    /** Partner API keys: SHA-256 hex of the key → partner (default none). */
    apiKeys: apiKeyMapSchema.default({}),
    limits: limitsSchema,
    ...shardCallFields,
    /** Timeout of the platform subgraph's requests in ms (default 5 000). */
    platformTimeoutMs: z.number().int().positive().default(5000),
    /**
     * Production mode (JG_PRODUCTION or NODE_ENV=production, read by service-kit's `isProductionEnv`): changes
     * the defaults of `introspection` and `ide` to off, and refuses `idePresetHeaders`. Default false.
     */
    production: z.boolean().default(false),
    /** Allow introspection (default: on in development, where GraphiQL explores and completes the schema; off in production). */
    introspection: z.boolean().optional(),
    /** Serve GraphiQL at `/` and `/ide` (default: on in development, off in production unless set). */
    ide: z.boolean().optional(),
    /**
     * Development only: named header sets the IDE offers as one-click credentials, the first one preloaded
     * (`npm start` passes the tokens it prints), e.g. `{"citizen": {"authorization": "Bearer …"}}`.
     */
    idePresetHeaders: z.record(z.string().min(1), z.record(z.string().min(1), z.string())).default({}),
    /**
     * Trusted documents (gateway/src/edge/trusted-documents.ts): "off" (default), "log" (answer, log the
     * operations not in the manifest) or "enforce" (refuse them with OPERATION_NOT_TRUSTED).
     */
    trustedDocuments: z.enum(["off", "log", "enforce"]).default("off"),
    /** The manifest (default packages/client/src/gql/persisted-documents.json, from `npm run generate:client`). */
    trustedDocumentsPath: z.string().optional(),
    /** Ask subgraphs for inline (ftv1) traces (default false). */
    subgraphTracing: z.boolean().default(false),
    /** Largest request body in bytes (default 1 MiB). */
    maxBodyBytes: z.number().int().positive().default(1024 * 1024),
    /** pino log level (default "info"). */
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * The clock tokens are checked and identity headers signed against (docs/design.md §5): the system clock
     * by default; "virtual" in simulations, moved with the services' clocks through `/internal/clock`.
     */
    clock: clockConfigSchema,
  })
  .strict()
  .refine((c) => !c.production || Object.keys(c.idePresetHeaders).length === 0, {
    message: "idePresetHeaders (IDE_PRESET_HEADERS) put credentials in a page: development only",
    path: ["idePresetHeaders"],
  });

/** Whether introspection is allowed: as configured, else on in development only. */
export const introspectionOn = (c: GatewayConfig): boolean => c.introspection ?? !c.production;
/** Whether the IDE is served: as configured, else on in development only. */
export const ideOn = (c: GatewayConfig): boolean => c.ide ?? !c.production;

/** The parsed configuration. */
export type GatewayConfig = z.infer<typeof configSchema>;
/** The configuration before defaults. */
export type GatewayConfigInput = z.input<typeof configSchema>;

/** Parses `SHARDS="50=http://…,51=http://…"` into the shard directory. */
export function parseShards(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new Error(`SHARDS entry "${entry}" is not code=url`);
    out[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return out;
}


/**
 * Reads the configuration from environment variables: PORT, HOST, SUPERGRAPH_PATH, PLATFORM_URL, SHARDS,
 * SERVICE_NAME, SIGNING_KEY, KEY_DIRECTORY, API_KEYS (JSON object), MAX_DEPTH, MAX_ALIASES, MAX_COST, MAX_TOKENS,
 * MAX_SELECTIONS, MAX_SELECTIONS_PER_SET,
 * SHARD_TIMEOUT_MS, SHARD_BATCH_TIMEOUT_MS, SHARD_RETRIES, RETRY_BASE_MS, BREAKER_FAILURES, BREAKER_COOLDOWN_MS, PLATFORM_TIMEOUT_MS,
 * MAX_BODY_BYTES, INTROSPECTION (boolean; default on in development), IDE (boolean; default
 * on in development), IDE_PRESET_HEADERS (JSON, development only), JG_PRODUCTION / NODE_ENV (production
 * mode), TRUSTED_DOCUMENTS ("off" | "log" | "enforce"), TRUSTED_DOCUMENTS_MANIFEST, SUBGRAPH_TRACING (boolean), LOG_LEVEL,
 * CLOCK_MODE ("system" | "virtual"), CLOCK_START (ISO).
 * Booleans, integers and JSON are read by service-kit's env helpers: one boolean rule (1/true/yes/on or
 * 0/false/no/off), anything else stops the start naming the variable.
 * @throws {z.ZodError} naming every invalid or missing setting.
 */
export function loadConfig(env: Record<string, string | undefined>): GatewayConfig {
  return configSchema.parse({
    port: envInt(env, "PORT"),
    host: env["HOST"],
    supergraphPath: env["SUPERGRAPH_PATH"],
    platformUrl: env["PLATFORM_URL"],
    shards: parseShards(env["SHARDS"] ?? ""),
    keys: serviceKeysFromEnv(env["SERVICE_NAME"] || GATEWAY_SERVICE, env),
    apiKeys: envJson(env, "API_KEYS"),
    limits: {
      maxDepth: envInt(env, "MAX_DEPTH"),
      maxAliases: envInt(env, "MAX_ALIASES"),
      maxCost: envInt(env, "MAX_COST"),
      maxTokens: envInt(env, "MAX_TOKENS"),
      maxSelections: envInt(env, "MAX_SELECTIONS"),
      maxSelectionsPerSet: envInt(env, "MAX_SELECTIONS_PER_SET"),
    },
    ...shardCallFromEnv(env),
    platformTimeoutMs: envInt(env, "PLATFORM_TIMEOUT_MS"),
    maxBodyBytes: envInt(env, "MAX_BODY_BYTES"),
    production: isProductionEnv(env),
    introspection: envBool(env, "INTROSPECTION"),
    ide: envBool(env, "IDE"),
    idePresetHeaders: envJson(env, "IDE_PRESET_HEADERS"),
    trustedDocuments: env["TRUSTED_DOCUMENTS"] || undefined,
    trustedDocumentsPath: env["TRUSTED_DOCUMENTS_MANIFEST"] || undefined,
    subgraphTracing: envBool(env, "SUBGRAPH_TRACING"),
    logLevel: env["LOG_LEVEL"],
    clock: { mode: env["CLOCK_MODE"] || undefined, start: env["CLOCK_START"] || undefined },
  });
}
