// A launcher for the orphan test: starts the fixture service through ManagedProcess, prints its pid,
// then waits to be killed (with SIGKILL, so it cannot stop its child itself).
import { fileURLToPath } from "node:url";
import { ManagedProcess } from "../src/process";

const port = Number(process.env.PORT);
const svc = new ManagedProcess({
  name: "fixture",
  entry: fileURLToPath(new URL("./fixture-service.ts", import.meta.url)),
  env: { PORT: String(port) },
  healthUrl: `http://127.0.0.1:${port}/healthz`,
});
await svc.start(20_000);
console.log(`child ${svc.pid}`);
setInterval(() => {}, 60_000);
