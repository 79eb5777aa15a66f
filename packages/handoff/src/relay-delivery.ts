/**
 * Delivering claimed outbox rows to their destination's `/internal/messages` (see relay.ts): one row per
 * request (the single-message form) or several rows to one destination in one request (the batched form,
 * answered per message).
 */
import type { InternalAnswer, InternalClient } from "@jg/service-kit";
import { MESSAGES_PATH, messageBatchResponseSchema } from "./contract";
import type { Destinations, SendResult } from "./relay-options";
import type { OutboxRow } from "./tables";

export interface DeliveryOptions {
  destinations: Destinations;
  /** The relay's one internal client: its dispatcher, timeout and cached service tokens (relay.ts). */
  client: InternalClient;
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

/** One signed POST of `body` to the destination's MESSAGES_PATH, through the relay's internal client. */
function post(o: DeliveryOptions, target: { url: string; audience: string }, body: unknown): Promise<InternalAnswer> {
  return o.client.post(target.url, MESSAGES_PATH, target.audience, body);
}

/** One delivery attempt: acknowledged (2xx) or why not. Never throws. */
export async function deliver(row: OutboxRow, o: DeliveryOptions): Promise<SendResult> {
  const target = resolveDestination(o.destinations, row.destination);
  if (!target) return { row, ok: false, error: `unknown destination ${row.destination}` };
  const loss = o.lossInTransit?.(row);
  if (loss === "request") return { row, ok: false, error: "lost in transit (fault injection)" };
  try {
    const res = await post(o, target, row.payload);
    if (loss === "answer") return { row, ok: false, error: `acknowledgement (HTTP ${res.status}) lost in transit (fault injection)` };
    if (res.status >= 200 && res.status < 300) return { row, ok: true };
    return { row, ok: false, error: `HTTP ${res.status}: ${res.text.slice(0, 300)}` };
  } catch (err) {
    return { row, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/**
 * One batched delivery attempt of `rows` (all to one destination, at most one per ordering key, in seq
 * order): one signed request, one result per row from the receiver's per-message answer. Never throws.
 */
export async function deliverBatch(rows: OutboxRow[], o: DeliveryOptions): Promise<SendResult[]> {
  const destination = rows[0]!.destination;
  const target = resolveDestination(o.destinations, destination);
  if (!target) return rows.map((row) => ({ row, ok: false, error: `unknown destination ${destination}` }));
  const results: SendResult[] = [];
  const sent: { row: OutboxRow; answerLost: boolean }[] = [];
  for (const row of rows) {
    const loss = o.lossInTransit?.(row);
    if (loss === "request") results.push({ row, ok: false, error: "lost in transit (fault injection)" });
    else sent.push({ row, answerLost: loss === "answer" });
  }
  if (sent.length === 0) return results;
  const allFailed = (error: string) => results.concat(sent.map(({ row }) => ({ row, ok: false, error })));
  try {
    const res = await post(o, target, { messages: sent.map(({ row }) => row.payload) });
    if (res.status < 200 || res.status >= 300) return allFailed(`HTTP ${res.status}: ${res.text.slice(0, 300)}`);
    const parsed = messageBatchResponseSchema.safeParse(res.body);
    if (!parsed.success) return allFailed(`HTTP ${res.status}: not a batch answer: ${res.text.slice(0, 200)}`);
    const answer = parsed.data;
    if (answer.results.length !== sent.length) return allFailed(`batch answer has ${answer.results.length} results for ${sent.length} messages`);
    sent.forEach(({ row, answerLost }, i) => {
      const result = answer.results[i]!;
      const messageId = (row.payload as { messageId?: unknown }).messageId;
      if (answerLost) results.push({ row, ok: false, error: `acknowledgement (HTTP ${res.status}) lost in transit (fault injection)` });
      else if (result.messageId !== null && result.messageId !== messageId) results.push({ row, ok: false, error: `batch answer out of order at ${i}` });
      else if (result.outcome === "failed") results.push({ row, ok: false, error: `receiver: ${result.error.slice(0, 300)}` });
      else results.push({ row, ok: true });
    });
    return results;
  } catch (err) {
    return allFailed(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
}
