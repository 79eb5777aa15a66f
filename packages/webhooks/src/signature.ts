/**
 * The webhook signature, in the manner of Stripe's: the sender signs `"<t>.<body>"` with HMAC-SHA256
 * under the endpoint's secret and sends `x-jg-signature: t=<unix seconds>,v1=<hex>`. While a rotated
 * secret is still in its grace period the header carries one `v1` per valid secret, so a receiver that
 * has not switched yet keeps verifying. The timestamp inside the signed text lets the receiver refuse a
 * replay older than its tolerance.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Header with the timestamp and the signatures. */
export const SIGNATURE_HEADER = "x-jg-signature";
/** Header with the event ID (also `id` in the body): the receiver deduplicates on it. */
export const EVENT_ID_HEADER = "x-jg-event-id";
/** Header with the event type (also `type` in the body). */
export const EVENT_TYPE_HEADER = "x-jg-event-type";
/** Header with the delivery ID: one per endpoint and event, the same on every retry and replay. */
export const DELIVERY_ID_HEADER = "x-jg-delivery-id";
/** Default tolerance of {@link verifyWebhook}: 5 minutes, as Stripe's. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `"<t>.<body>"` under `secret`. */
export function computeSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** The header value for `body` signed at `timestamp` (unix seconds) with every secret given. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string | Buffer): string {
  if (secrets.length === 0) throw new RangeError("signatureHeader needs at least one secret");
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError("timestamp must be unix seconds");
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(",");
}

/** Why a delivery was refused. */
export type WebhookRefusal = "MISSING_HEADER" | "MALFORMED_HEADER" | "STALE" | "BAD_SIGNATURE";

/** Thrown by {@link verifyWebhook}; answer the sender 400 (it retries, then gives up and logs). */
export class WebhookSignatureError extends Error {
  constructor(
    readonly reason: WebhookRefusal,
    message: string,
  ) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

export interface VerifyOptions {
  /** Accept signatures at most this many seconds away from `now` (either way); default 300. */
  toleranceSeconds?: number;
  /** The receiver's clock; default the system time. */
  now?: Date;
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookSignatureError("MALFORMED_HEADER", `${SIGNATURE_HEADER} needs t=<unix seconds> and at least one v1=<64 hex>`);
  }
  return { timestamp, signatures };
}

/**
 * Verifies a delivery: the raw body exactly as received (not re-serialized JSON), the
 * `x-jg-signature` header and the endpoint's secret (or several, while the receiver rotates). Refuses a
 * missing or malformed header, a timestamp outside the tolerance (a replay or a badly skewed clock) and
 * a body or timestamp changed in transit; compares in constant time.
 * @returns the parsed event body.
 * @throws WebhookSignatureError
 */
export function verifyWebhook<T = unknown>(
  body: string | Buffer,
  header: string | string[] | undefined,
  secret: string | readonly string[],
  options: VerifyOptions = {},
): T {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new WebhookSignatureError("MISSING_HEADER", `no ${SIGNATURE_HEADER} header`);
  const { timestamp, signatures } = parseHeader(value);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookSignatureError("STALE", `signed at ${timestamp}, ${now - timestamp} s from now; tolerance ${tolerance} s`);
  }
  const secrets = typeof secret === "string" ? [secret] : secret;
  const given = signatures.map((s) => Buffer.from(s, "hex"));
  // Every pair is compared (no early exit), so the time taken says nothing about which one matched.
  let match = false;
  for (const s of secrets) {
    const expected = Buffer.from(computeSignature(s, timestamp, body), "hex");
    for (const g of given) match = timingSafeEqual(expected, g) || match;
  }
  if (!match) throw new WebhookSignatureError("BAD_SIGNATURE", "no signature matches the body and secret");
  return JSON.parse(typeof body === "string" ? body : body.toString("utf8")) as T;
}
