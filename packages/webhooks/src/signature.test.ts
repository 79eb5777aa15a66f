import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, signatureHeader, verifyWebhook, WebhookSignatureError } from "./signature";

const SECRET = "whsec_test_secret_one";
const body = JSON.stringify({ id: "evt_1", type: "violation.recorded", data: { violationId: "5101001234560001" } });
const at = new Date("2026-12-05T06:00:00Z");
const t = Math.floor(at.getTime() / 1000);

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof WebhookSignatureError) return err.reason;
    throw err;
  }
  return undefined;
}

describe("webhook signatures (x-jg-signature: t=…,v1=…)", () => {
  it("signs HMAC-SHA256 of \"t.body\" in hex, as a receiver can recompute with any HMAC library", () => {
    const expected = createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex");
    expect(computeSignature(SECRET, t, body)).toBe(expected);
    expect(signatureHeader([SECRET], t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it("accepts a fresh, untouched delivery and returns the parsed body", () => {
    const header = signatureHeader([SECRET], t, body);
    expect(verifyWebhook<{ id: string }>(body, header, SECRET, { now: new Date(at.getTime() + 299_000) }).id).toBe("evt_1");
    expect(verifyWebhook<{ id: string }>(Buffer.from(body), [header], [SECRET], { now: at }).id).toBe("evt_1");
  });

  it("refuses a tampered body, a changed timestamp and a wrong secret", () => {
    const header = signatureHeader([SECRET], t, body);
    expect(refusal(() => verifyWebhook(body.replace("0001", "0002"), header, SECRET, { now: at }))).toBe("BAD_SIGNATURE");
    expect(refusal(() => verifyWebhook(body, header.replace(`t=${t}`, `t=${t + 1}`), SECRET, { now: at }))).toBe("BAD_SIGNATURE");
    expect(refusal(() => verifyWebhook(body, header, "whsec_other", { now: at }))).toBe("BAD_SIGNATURE");
  });

  it("refuses a replay older than the tolerance (default 300 s) and a timestamp from the future beyond it", () => {
    const header = signatureHeader([SECRET], t, body);
    expect(refusal(() => verifyWebhook(body, header, SECRET, { now: new Date(at.getTime() + 301_000) }))).toBe("STALE");
    expect(refusal(() => verifyWebhook(body, header, SECRET, { now: new Date(at.getTime() - 301_000) }))).toBe("STALE");
    expect(refusal(() => verifyWebhook(body, header, SECRET, { now: new Date(at.getTime() + 301_000), toleranceSeconds: 600 }))).toBeUndefined();
  });

  it("refuses a missing or malformed header", () => {
    expect(refusal(() => verifyWebhook(body, undefined, SECRET))).toBe("MISSING_HEADER");
    expect(refusal(() => verifyWebhook(body, "v1=abc", SECRET))).toBe("MALFORMED_HEADER");
    expect(refusal(() => verifyWebhook(body, `t=${t}`, SECRET, { now: at }))).toBe("MALFORMED_HEADER");
  });

  it("during a rotation, a header with both secrets' signatures verifies under either secret", () => {
    const header = signatureHeader(["whsec_new", "whsec_old"], t, body);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(refusal(() => verifyWebhook(body, header, "whsec_old", { now: at }))).toBeUndefined();
    expect(refusal(() => verifyWebhook(body, header, "whsec_new", { now: at }))).toBeUndefined();
    expect(refusal(() => verifyWebhook(body, header, "whsec_third", { now: at }))).toBe("BAD_SIGNATURE");
  });
});
