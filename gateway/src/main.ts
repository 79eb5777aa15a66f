/**
 * The gateway process: configuration from the environment (see `loadConfig`), then listen; SIGTERM or
 * SIGINT stops accepting, lets in-flight requests finish, closes the keep-alive pools, and exits.
 * Run: `tsx gateway/src/main.ts` with PLATFORM_URL, SHARDS, IDENTITY_SECRET, ACCESS_TOKEN_SECRET set.
 */
import { loadConfig } from "./config";
import { createGateway } from "./server";

const gateway = await createGateway(loadConfig(process.env));
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
