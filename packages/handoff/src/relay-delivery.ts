/** Delivering one claimed outbox row to its destination's `/internal/messages` (see relay.ts). */
import { bearer, signServiceToken, type ServiceSigner } from "@jg/identity";
import type { Clock } from "@jg/service-kit";
import { request, type Dispatcher } from "undici";
import { MESSAGES_PATH } from "./contract";
import type { Destinations, SendResult } from "./relay-options";
import type { OutboxRow } from "./tables";

export interface DeliveryOptions {
  destinations: Destinations;
  signer: ServiceSigner;
  clock: Clock;
  dispatcher: Dispatcher;
  timeoutMs: number;
  lossInTransit?: ((row: OutboxRow) => "request" | "answer" | undefined) | undefined;
}

/** The URL and token audience of a destination, if it is known. */
function resolveDestination(d: Destinations, destination: string): { url: string; audience: string } | undefined {
  if (typeof d === "function") {
    const url = d(destination);
    return url ? { url, audience: destination } : undefined;
  }
  const entry = Object.hasOwn(d, destination) ? d[destination] : undefined;
  return entry ? { url: entry.url, audience: entry.audience ?? destination } : undefined;
}

/** One delivery attempt: acknowledged (2xx) or why not. Never throws. */
export async function deliver(row: OutboxRow, o: DeliveryOptions): Promise<SendResult> {
  const target = resolveDestination(o.destinations, row.destination);
  if (!target) return { row, ok: false, error: `unknown destination ${row.destination}` };
  const loss = o.lossInTransit?.(row);
  if (loss === "request") return { row, ok: false, error: "lost in transit (fault injection)" };
  try {
    const token = await signServiceToken(target.audience, o.signer, o.clock.now());
    const res = await request(new URL(MESSAGES_PATH, target.url), {
      method: "POST",
      dispatcher: o.dispatcher,
      headers: { "content-type": "application/json", authorization: bearer(token) },
      body: JSON.stringify(row.payload),
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
    });
    const text = await res.body.text();
    if (loss === "answer") return { row, ok: false, error: `acknowledgement (HTTP ${res.statusCode}) lost in transit (fault injection)` };
    if (res.statusCode >= 200 && res.statusCode < 300) return { row, ok: true };
    return { row, ok: false, error: `HTTP ${res.statusCode}: ${text.slice(0, 300)}` };
  } catch (err) {
    return { row, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
