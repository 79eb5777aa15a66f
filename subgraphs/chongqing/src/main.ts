/**
 * The Chongqing process: the `platform` subgraph with its internal API, and Chongqing's own province
 * shard (50). The only file with side effects: config (from the environment) → database (migrated) →
 * schema → listen (src/platform.ts), and a clean stop on SIGINT/SIGTERM. Libraries import
 * `@jg/chongqing` (src/index.ts) instead, which starts nothing.
 */
import { clockFromConfig, portOf, reportReady } from "@jg/service-kit";
import { pino } from "pino";
import { startChongqing } from "./platform";
import { configFromEnv } from "./config";

const config = configFromEnv(process.env);
const log = pino({ name: "chongqing-platform", level: config.logLevel });
const running = await startChongqing({ config, clock: clockFromConfig(config.clock), log });
// To a launcher that started it on port 0 (@jg/cluster): the platform's port and shard 50's.
reportReady({ main: portOf(running.url), ...(running.shard ? { [running.shard.provinceCode]: running.shard.port } : {}) });

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, "stopping");
  await running.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
