import { createServer } from "node:net";

/** Asks the OS for a free loopback port. The port is released before it is returned, so a rare race
 * with another process is possible; callers start services with retries on EADDRINUSE in mind. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
