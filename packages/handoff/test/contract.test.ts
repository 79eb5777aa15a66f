import { isAppFault } from "@jg/errors";
import { describe, expect, it } from "vitest";
import { authorizeResponseSchema, buildMessage, HANDOFF_MESSAGE_TYPES, hiddenFromViewer, parseMessage } from "../src/contract";
import { backoffDelay } from "@jg/service-kit";
import { handled, recorded, violationId } from "./support";

const at = new Date("2026-03-01T08:00:00Z");

function fault(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (isAppFault(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected a fault");
}

describe("handoff message contract", () => {
  it("lists the four message types", () => {
    expect(HANDOFF_MESSAGE_TYPES).toEqual(["violation.recorded", "violation.handled", "violation.paid", "violation.reverted"]);
  });

  it("parses a valid message from an object and from its JSON text", () => {
    const message = handled(violationId(), at);
    expect(parseMessage(message)).toEqual(message);
    expect(parseMessage(JSON.stringify(message))).toEqual(message);
  });

  it("refuses malformed JSON, an unknown type and a bad field with BAD_USER_INPUT naming the field", () => {
    expect(fault(() => parseMessage("{nope")).code).toBe("BAD_USER_INPUT");
    expect(fault(() => parseMessage({ ...recorded(violationId(), at), type: "violation.exploded" })).code).toBe("BAD_USER_INPUT");
    const badPoints = recorded(violationId(), at);
    const refused = fault(() => parseMessage({ ...badPoints, payload: { ...badPoints.payload, points: 13 } }));
    expect(refused).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(refused.message).toContain("payload.points");
    const shortId = fault(() => parseMessage({ ...badPoints, payload: { ...badPoints.payload, violationId: "5101" } }));
    expect(shortId.message).toContain("payload.violationId");
  });

  it("R-PAY-1: a reverted message carries only the payment-deadline reason", () => {
    const base = { type: "violation.reverted" as const, source: "province-51", provinceCode: "51", occurredAt: at };
    const payload = { violationId: violationId(), handlingId: "h-1", revertedAt: at.toISOString(), reason: "PAYMENT_DEADLINE" as const };
    expect(buildMessage({ ...base, payload }).payload.reason).toBe("PAYMENT_DEADLINE");
    expect(fault(() => buildMessage({ ...base, payload: { ...payload, reason: "BORED" as "PAYMENT_DEADLINE" } })).code).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("buildMessage fills a fresh UUID and the ISO time, or keeps a given message ID", () => {
    const a = recorded(violationId(), at);
    const b = recorded(violationId(), at);
    expect(a.messageId).not.toBe(b.messageId);
    expect(a.occurredAt).toBe("2026-03-01T08:00:00.000Z");
    const id = "0b6f8a52-4f4e-4d5c-9a53-2f1d7b1f4a10";
    const payload = { ...a.payload };
    expect(buildMessage({ type: "violation.recorded", source: "province-51", provinceCode: "51", occurredAt: at, payload, messageId: id }).messageId).toBe(id);
  });
});

describe("backoffDelay", () => {
  it("doubles from the base up to the cap", () => {
    const options = { baseMs: 500, maxMs: 60_000, jitter: 0 };
    expect([1, 2, 3, 4, 8, 9, 50].map((n) => backoffDelay(n, options))).toEqual([500, 1000, 2000, 4000, 60_000, 60_000, 60_000]);
  });

  it("takes at most the jitter fraction away", () => {
    const options = { baseMs: 1000, maxMs: 60_000, jitter: 0.5 };
    expect(backoffDelay(1, options, () => 0)).toBe(1000);
    expect(backoffDelay(1, options, () => 0.9)).toBe(550);
    expect(backoffDelay(3, { ...options, jitter: 1 }, () => 0.5)).toBe(2000);
  });
});

describe("authorize answers (issue 12: checkViewer)", () => {
  const approval = { approved: true, reservationId: "r-1", licenceNumber: "L", pointsBefore: 0, reservedBefore: 0 };
  const denial = { approved: false, denials: [{ code: "NOT_DRIVERS_VEHICLE", ruleId: "R-ELG-1a", message: { zh: "非本人车辆", en: "not yours" } }] };

  it("reads the hidden answer as hidden, and visible: true on the usual answers; without it the answers are as before", () => {
    const hidden = authorizeResponseSchema.parse({ approved: false, visible: false });
    expect(hidden).toEqual({ approved: false, visible: false });
    expect(hiddenFromViewer(hidden)).toBe(true);
    for (const answer of [approval, denial, { approved: false, voided: true }]) {
      expect(authorizeResponseSchema.parse({ ...answer, visible: true })).toEqual({ ...answer, visible: true });
      const plain = authorizeResponseSchema.parse(answer);
      expect(plain).toEqual(answer);
      expect(hiddenFromViewer(plain)).toBe(false);
    }
  });

  it("never reads an approval as hidden, nor a hidden answer without visible: false", () => {
    expect(authorizeResponseSchema.safeParse({ ...approval, visible: false }).success).toBe(false);
    expect(authorizeResponseSchema.safeParse({ approved: false }).success).toBe(false);
    expect(authorizeResponseSchema.safeParse({ approved: false, visible: true }).success).toBe(false);
  });
});
