/**
 * A partner's webhook receiver on loopback for the tests (issue 18): verifies each delivery with
 * @jg/webhooks, deduplicates by event ID as a real receiver must, answers the statuses it is told to,
 * and can go down and come back up on the same port.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifyWebhook, type WebhookEvent } from "@jg/webhooks";

export type Received = { headers: IncomingHttpHeaders; body: string; status: number; verified: boolean };

export class TestReceiver {
  /** Every request that reached the receiver, in order. */
  readonly received: Received[] = [];
  /** Events processed once each (deduplicated by event ID). */
  readonly processed = new Map<string, WebhookEvent>();
  /** Statuses to answer next, in order; 200 once empty. */
  script: number[] = [];
  /** Secrets the receiver verifies with. */
  secrets: string[] = [];
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let verified = false;
        let status = this.script.shift() ?? 200;
        try {
          const event = verifyWebhook<WebhookEvent>(body, req.headers[SIGNATURE_HEADER], this.secrets);
          verified = true;
          // Process an event once: a retry, a replay or a lost acknowledgement's resend changes nothing.
          if (status < 300 && !this.processed.has(event.id)) this.processed.set(event.id, event);
          if (event.id !== req.headers[EVENT_ID_HEADER]) status = 400;
        } catch {
          status = 400;
        }
        this.received.push({ headers: req.headers, body, status, verified });
        res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no");
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections are refused until `up()`). */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
