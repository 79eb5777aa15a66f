// A tiny service for the launcher's own tests: serves /healthz on PORT (0 or absent: a free port it
// then reports in its ready message, as the real services do) with its pid, exits cleanly on SIGTERM
// after writing "graceful" to its output (so the test can tell SIGTERM from SIGKILL).
import { openSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { reportReady } from "@jg/service-kit/ready-message";

// The orphan test's lifeline: a FIFO this process holds open for writing until it dies, so the test
// sees its death as end of file on the reading side instead of polling its pid.
if (process.env.FIXTURE_LIFELINE) openSync(process.env.FIXTURE_LIFELINE, "w");

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: true, pid: process.pid }));
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening ${port}`);
  reportReady({ main: port });
});
process.on("SIGTERM", () => {
  console.log("graceful");
  server.close(() => process.exit(0));
});
