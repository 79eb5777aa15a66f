// A launcher for the orphan test: starts the fixture service through ManagedProcess (on port 0), prints
// its pid and port, then waits to be killed (with SIGKILL, so it cannot stop its child itself).
import { fileURLToPath } from "node:url";
import { ManagedProcess } from "../src/process";

const svc = new ManagedProcess({
  name: "fixture",
  entry: fileURLToPath(new URL("./fixture-service.ts", import.meta.url)),
  env: { PORT: "0" },
  reportsPorts: true,
  healthUrl: (ports) => `http://127.0.0.1:${ports["main"]}/healthz`,
});
await svc.start(20_000);
console.log(`child ${svc.pid} port ${svc.ports!["main"]}`);
setInterval(() => {}, 60_000);
