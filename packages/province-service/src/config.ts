/**
 * The shard's configuration: one zod schema, parsed once by the process entry (subgraphs/other-province,
 * subgraphs/chongqing) and passed down. Nothing else in this package reads `process.env`. The
 * province overrides (`platformOpen`, `maintenanceWindow`) are @jg/provinces' `provinceOverrideSchema`
 * fields, applied to the catalogue by its `withProvinceOverrides` (shard.ts): one implementation.
 */
import { serviceKeysSchema } from "@jg/identity";
import { isProvinceCode, provinceOverrideSchema } from "@jg/provinces";
import { clockConfigSchema } from "@jg/service-kit";
import { z } from "zod";

export const provinceShardConfigSchema = z.object({
  /** Two-digit code of the province this shard serves ("51" Sichuan). Required. */
  provinceCode: z.string().refine(isProvinceCode, "not one of the 31 province codes"),
  /** TCP port of the HTTP host; default 0 (a free port, for tests and the simulator). */
  port: z.coerce.number().int().min(0).max(65535).default(0),
  /** Interface to bind; default "127.0.0.1" (loopback only). */
  host: z.string().min(1).default("127.0.0.1"),
  /** PostgreSQL URL (postgres.js); when absent the shard runs on embedded PGlite. Default none. */
  databaseUrl: z.string().url().optional(),
  /** PGlite data folder for a persistent embedded run; default none (in memory). Ignored with databaseUrl. */
  dataDir: z.string().min(1).optional(),
  /** Base URL of the home platform's internal API (authorize, release, messages). Required. */
  homePlatformUrl: z.string().url(),
  /**
   * The shard's own signing key (service `province-<code>`; its service tokens to the home platform)
   * and the key directory it verifies every caller against: identity headers from an edge, service
   * tokens on `/internal` routes, the composer's credential for SDL (issue 10 §4, §5). Required
   * (`serviceKeysFromEnv` of @jg/identity reads SIGNING_KEY and KEY_DIRECTORY).
   */
  keys: serviceKeysSchema,
  /**
   * Delay before an outbox message may be delivered, modelling the intranet–internet lag
   * (R-SYNC-1, R-SYNC-2); default 0 ms.
   */
  deliveryDelayMs: z.coerce.number().int().min(0).default(0),
  /**
   * Overrides the catalogue's "platform open" flag (R-ELG-1d) to simulate a province whose internet
   * platform is closed; default none (the catalogue's value, which is open for every province).
   */
  platformOpen: provinceOverrideSchema.shape.platformOpen,
  /**
   * The nightly reconciliation window without handling or payment (R-MNT-1), China Standard Time,
   * "HH:MM" from (inclusive) to (exclusive, may wrap midnight). Default 22:00–01:00: Chongqing's, from the
   * manual; NOT FOUND for other provinces (docs/domain-facts.md §9.4), so it is shown there as assumed.
   */
  maintenanceWindow: provinceOverrideSchema.shape.maintenance,
  /** How often the revert sweeper (R-PAY-1) runs, in ms of real time; default 10 000. 0 turns the interval off. */
  sweepIntervalMs: z.coerce.number().int().min(0).default(10_000),
  /** How often the outbox relay polls, in ms of real time; default 1 000. 0 turns the interval off. */
  relayIntervalMs: z.coerce.number().int().min(0).default(1_000),
  /**
   * Handoff messages per request to the home platform (the batched form of `/internal/messages`); default
   * 100. 1 sends one request per message (the single-message form), for a home platform not yet upgraded.
   */
  relayMessagesPerRequest: z.coerce.number().int().min(1).max(500).default(100),
  /**
   * Batched requests the relay sends at once to the home platform (issue 18 follow-up): each round claims
   * `relayMessagesPerRequest` × this many messages (at least 100, as before) and posts them as that many
   * parallel requests, each its own receiver transaction; at most one message per violation is claimed
   * per round, so their order holds. Default 4 (bench/README.md "Camera batches"); 1 is one request per round.
   */
  relayRequestsInFlight: z.coerce.number().int().min(1).max(16).default(4),
  /**
   * Back-pressure of recordViolations (camera batches): a batch is refused with the retryable
   * HANDOFF_BACKLOG while the oldest undelivered handoff message has waited longer than this beyond the
   * delivery delay, in ms of the shard's clock; default 60 000. 0 turns back-pressure off.
   */
  batchOutboxLagLimitMs: z.coerce.number().int().min(0).default(60_000),
  /** The `extensions.retryAfter` (seconds) of a HANDOFF_BACKLOG refusal; default 5. */
  batchRetryAfterSeconds: z.coerce.number().int().min(1).default(5),
  /**
   * The province's collecting bank (R-DOC-1; Chongqing's is the Postal Savings Bank): the bank whose
   * nightly reconciliation covers the online channels (APP, WEB, WECHAT, ALIPAY, KIOSK). Every bank
   * reconciles its own BANK_COUNTER payments. Default "psbc"; other provinces' banks are NOT FOUND
   * (docs/domain-facts.md), so this is an assumption outside Chongqing.
   */
  collectingBankId: z.string().trim().min(1).max(128).default("psbc"),
  /** Timeout of calls to the home platform, in ms; default 5 000. */
  homeTimeoutMs: z.coerce.number().int().min(1).default(5_000),
  /** Whether the home platform is asked which violations a citizen may see (ViewerAccess); default true. */
  checkViewerAccess: z.boolean().default(true),
  /**
   * Mounts the development-only fault injection (`/internal/faults`: a slow shard, lost handoff
   * messages) on a system clock too; with a virtual clock it is always mounted. Never set it in
   * production. Default false.
   */
  faults: z.boolean().default(false),
  /** pino log level; default "info". */
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * The shard's clock (docs/design.md §5): the system clock by default; "virtual" for simulations, moved
   * by the simulator through the authorized `/internal/clock` route. Ignored when a clock is injected.
   */
  clock: clockConfigSchema,
});

/** Parsed configuration of one shard. */
export type ProvinceShardConfig = z.infer<typeof provinceShardConfigSchema>;
/** What a caller may pass before defaults are applied. */
export type ProvinceShardConfigInput = z.input<typeof provinceShardConfigSchema>;

/** Parses and validates a shard configuration; throws a ZodError naming every bad option. */
export function parseProvinceShardConfig(input: unknown): ProvinceShardConfig {
  return provinceShardConfigSchema.parse(input);
}
