// The process entry (the only file with side effects): environment → config → shard → listen.
// Stops cleanly on SIGINT/SIGTERM so the outbox relay and the revert sweeper finish their batch.
import { reportReady } from "@jg/service-kit";
import { startFromEnv } from "./index";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const shard = await startFromEnv(process.env);
reportReady({ main: shard.port }); // to a launcher that started it on port 0 (@jg/cluster)
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    shard.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
