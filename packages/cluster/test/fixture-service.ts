// A tiny service for the launcher's own tests: serves /healthz on PORT with its pid (as the real
// services do), exits cleanly on SIGTERM after writing "graceful" to its output (so the test can tell
// SIGTERM from SIGKILL).
import { createServer } from "node:http";

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: true, pid: process.pid }));
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`listening ${process.env.PORT}`));
process.on("SIGTERM", () => {
  console.log("graceful");
  server.close(() => process.exit(0));
});
