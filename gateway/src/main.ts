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
import { collectAtRest, collectStartupGarbage } from "./startup-gc";

const config = loadConfig(process.env);
if (process.env["SUPERGRAPH"] === "live") {
  const firstShard = Object.values(config.shards)[0];
  if (!firstShard) throw new Error("SUPERGRAPH=live needs at least one shard in SHARDS");
  config.supergraphSdl = await composeFromRunningServices(config.platformUrl, firstShard, config.keys.signer);
}
// Issue 12: the startup's garbage collected before the launcher reads the process as ready, and one
// collection once at rest after serving (startup-gc.ts; both need --expose-gc, the launcher's default).
const rest = collectAtRest();
const gateway = await createGateway(config, { onRequest: rest.activity });
collectStartupGarbage();
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
