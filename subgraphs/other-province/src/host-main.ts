// The shard host's process entry (host.ts): environment → shards → listen; control messages from the
// launcher over IPC; stops every shard cleanly on SIGINT/SIGTERM.
import { enablePgliteTemplates, reportReady } from "@jg/service-kit";
import { startShardHost, type HostControlMessage } from "./host";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
// Many databases of one schema in this process: each new one starts from a migrated template.
enablePgliteTemplates();
const running = await startShardHost(process.env);
reportReady({ main: running.port, ...running.host.ports() }); // to the launcher (@jg/cluster)
process.on("message", (message: HostControlMessage) => {
  void running.host.control(message).then((answer) => process.send?.(answer));
});
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
