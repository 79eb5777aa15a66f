/**
 * The gateway process: configuration from the environment (see `loadConfig`), then listen; SIGTERM or
 * SIGINT stops accepting, lets in-flight requests finish, closes the keep-alive pools, and exits.
 * Run: `tsx gateway/src/main.ts` with PLATFORM_URL, SHARDS, SIGNING_KEY, KEY_DIRECTORY set.
 * SUPERGRAPH=live (development only) composes from the running platform and first shard instead of
 * loading gateway/supergraph.graphql.
 */
import { reportReady } from "@jg/service-kit";
import { loadConfig } from "./config";
import { composeFromRunningServices } from "./compose-live";
import { createGateway } from "./server";
import { collectStartupGarbage } from "./startup-gc";

const config = loadConfig(process.env);
if (process.env["SUPERGRAPH"] === "live") {
  const firstShard = Object.values(config.shards)[0];
  if (!firstShard) throw new Error("SUPERGRAPH=live needs at least one shard in SHARDS");
  config.supergraphSdl = await composeFromRunningServices(config.platformUrl, firstShard, config.keys.signer);
}
const gateway = await createGateway(config);
collectStartupGarbage(); // the startup's garbage, before the launcher reads the process as ready (issue 12)
reportReady({ main: gateway.port }); // to a launcher that started it on port 0 (@jg/cluster)
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
