/**
 * The standalone province router as a process (issue 13; `npm run router`): configuration from the
 * environment (`loadRouterConfig`: SHARDS, SIGNING_KEY, KEY_DIRECTORY, timeouts, breaker, PORT), then
 * listen; `/graphql` (the subgraph protocol, for a fronting router), `/healthz`, `/readyz`, `/metrics`.
 * SIGTERM or SIGINT stops accepting, lets in-flight requests finish, closes the keep-alive pools, exits.
 */
import { reportReady } from "@jg/service-kit";
import { pino } from "pino";
import { startStandaloneRouter } from "../standalone";
import { loadRouterConfig, readProvinceSdl } from "./config";

const config = loadRouterConfig(process.env);
const logger = pino({ base: { service: config.keys.signer.service }, level: config.logLevel });
const router = await startStandaloneRouter({ ...config, provinceSdl: readProvinceSdl(config), composer: config.keys.signer, directory: config.keys.directory, logger });
logger.info({ url: router.url, shards: Object.keys(config.shards) }, "province router listening");
reportReady({ main: Number(new URL(router.url).port) }); // to a launcher that started it on port 0 (@jg/cluster)
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    router.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
