/**
 * The standalone province router's configuration (issue 13): one zod schema, read from the environment
 * like the gateway's (`gateway/src/config.ts`), with the same names and defaults for what both have
 * (the shard directory, the timeouts, retries and breaker, the keys).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serviceKeysFromEnv, serviceKeysSchema } from "@jg/identity";
import { envBool, envInt } from "@jg/service-kit";
import { z } from "zod";
import { parseShards, shardCallFields, shardCallFromEnv } from "../config";

/** The router's default service name: its key's name in the key directory. */
const ROUTER_SERVICE = "province-router";
/** The committed `province` subgraph SDL every shard serves. */
const DEFAULT_PROVINCE_SDL_PATH = fileURLToPath(new URL("../../../packages/province-service/schema.graphql", import.meta.url));

const url = z.url({ protocol: /^https?$/ });

const routerConfigSchema = z
  .object({
    /** Port to listen on (default 4100; 0 picks a free one). */
    port: z.number().int().min(0).max(65535).default(4100),
    /** Interface to bind (default 127.0.0.1). */
    host: z.string().default("127.0.0.1"),
    /** The shard directory: province code → that shard's GraphQL URL. */
    shards: z.record(z.string().regex(/^\d{2}$/), url).refine((s) => Object.keys(s).length > 0, "at least one shard"),
    /**
     * The router's own key (role `composer`: it reads the shards' SDL for the drift check; `edge` too when it
     * signs the identity of a forwarded bearer token, see identity.ts) and the key directory that verifies
     * what a fronting router sends. From SERVICE_NAME (default "province-router"), SIGNING_KEY, KEY_DIRECTORY.
     */
    keys: serviceKeysSchema,
    /** Path of the `province` SDL (default packages/province-service/schema.graphql). */
    provinceSdlPath: z.string().default(DEFAULT_PROVINCE_SDL_PATH),
    ...shardCallFields,
    /** Ask shards for inline (ftv1) traces (default false). */
    subgraphTracing: z.boolean().default(false),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .strict();

export type RouterConfig = z.infer<typeof routerConfigSchema>;

/**
 * Reads the configuration from PORT, HOST, SHARDS ("50=http://…/graphql,51=…"), SERVICE_NAME, SIGNING_KEY,
 * KEY_DIRECTORY, PROVINCE_SDL_PATH, SHARD_TIMEOUT_MS, SHARD_BATCH_TIMEOUT_MS, SHARD_RETRIES, RETRY_BASE_MS, BREAKER_FAILURES,
 * BREAKER_COOLDOWN_MS, SUBGRAPH_TRACING, LOG_LEVEL.
 * @throws {z.ZodError} naming every invalid or missing setting; an `EnvError` naming a variable that is not a number or boolean.
 */
export function loadRouterConfig(env: Record<string, string | undefined>): RouterConfig {
  return routerConfigSchema.parse({
    port: envInt(env, "PORT"),
    host: env["HOST"] || undefined,
    shards: parseShards(env["SHARDS"] ?? ""),
    keys: serviceKeysFromEnv(env["SERVICE_NAME"] || ROUTER_SERVICE, env),
    provinceSdlPath: env["PROVINCE_SDL_PATH"] || undefined,
    ...shardCallFromEnv(env),
    subgraphTracing: envBool(env, "SUBGRAPH_TRACING"),
    logLevel: env["LOG_LEVEL"] || undefined,
  });
}

/** The province SDL the configuration names. */
export function readProvinceSdl(config: RouterConfig): string {
  return readFileSync(config.provinceSdlPath, "utf8");
}
