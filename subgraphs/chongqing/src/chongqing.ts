/**
 * Starting the whole Chongqing process in-process: the platform subgraph (database → schema → listen)
 * and Chongqing's own province shard 50 from @jg/province-service, pointed at this platform. Used by
 * `index.ts` with the system clock, and by the simulator with its virtual clock.
 */
import { createProvinceShard, type ProvinceShard } from "@jg/province-service";
import type { PolicyTable } from "@jg/rules";
import type { Clock } from "@jg/service-kit";
import type { Logger } from "pino";
import { createPlatform, type Platform } from "./app";
import type { PlatformConfig } from "./config";
import { openPlatformDatabase, type PlatformDatabase } from "./db/database";
import { HOME_PROVINCE } from "./home-province";

export interface StartChongqingInput {
  config: PlatformConfig;
  clock: Clock;
  log: Logger;
  /** Policy periods (R-ELG-2, R-ELG-3E); default the table of @jg/rules. */
  policyTable?: PolicyTable;
}

export interface RunningChongqing {
  /** Base URL of the platform subgraph (`/graphql`) and its internal API. */
  url: string;
  database: PlatformDatabase;
  platform: Platform;
  /** Shard 50, or null when `config.shard50.enabled` is false. */
  shard: ProvinceShard | null;
  /** Stops the shard, then the platform, then closes the database. */
  close(): Promise<void>;
}

/** Starts the platform and (unless disabled) shard 50; resolves once both listen. */
export async function startChongqing(input: StartChongqingInput): Promise<RunningChongqing> {
  const { config, clock, log } = input;
  const database = await openPlatformDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const platform = await createPlatform({ config, db: database.db, clock, log, ...(input.policyTable ? { policyTable: input.policyTable } : {}) });
  const host = await platform.listen();
  log.info({ url: host.url, engine: database.engine }, "platform subgraph listening");
  const shard = config.shard50.enabled
    ? await createProvinceShard(
        {
          provinceCode: HOME_PROVINCE,
          port: config.shard50.port,
          host: config.host,
          databaseUrl: config.shard50.databaseUrl,
          dataDir: config.shard50.dataDir,
          homePlatformUrl: host.url,
          keys: config.shard50.keys,
          deliveryDelayMs: config.shard50.deliveryDelayMs,
          faults: config.shard50.faults,
          logLevel: config.logLevel,
        },
        { clock, logger: log.child({ shard: HOME_PROVINCE }) },
      )
    : null;
  return {
    url: host.url,
    database,
    platform,
    shard,
    async close() {
      await shard?.close();
      await host.close();
      await platform.stop();
      await database.close();
    },
  };
}
