/**
 * The Chongqing process: the `platform` subgraph with its internal API, then Chongqing's own province
 * shard (50) from @jg/province-service, pointed at this platform. The only file with side effects:
 * config → database (migrated) → schema → listen. Stops cleanly on SIGINT/SIGTERM.
 */
import { createProvinceShard } from "@jg/province-service";
import { systemClock } from "@jg/service-kit";
import { pino } from "pino";
import { createPlatform } from "./app";
import { configFromEnv } from "./config";
import { openPlatformDatabase } from "./db/database";
import { HOME_PROVINCE } from "./home-province";

const config = configFromEnv(process.env);
const log = pino({ name: "chongqing-platform", level: config.logLevel });
const database = await openPlatformDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const platform = await createPlatform({ config, db: database.db, clock: systemClock, log });
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
        serviceSecret: config.serviceSecret,
        identitySecret: config.identitySecret,
        deliveryDelayMs: config.shard50.deliveryDelayMs,
        logLevel: config.logLevel,
      },
      { clock: systemClock, logger: log.child({ shard: HOME_PROVINCE }) },
    )
  : null;

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, "stopping");
  await shard?.close();
  await host.close();
  await platform.stop();
  await database.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
