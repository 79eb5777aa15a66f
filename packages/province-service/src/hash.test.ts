import { describe, expect, it } from "vitest";
import { requestHash, uuidFromName } from "./hash";

describe("requestHash", () => {
  it("ignores key order and undefined members, and reads Dates as instants", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(requestHash({ a: 1, b: at, c: undefined })).toBe(requestHash({ b: new Date(at.getTime()), a: 1 }));
  });

  it("differs when any argument differs", () => {
    expect(requestHash({ id: "1", noticeAccepted: true })).not.toBe(requestHash({ id: "1", noticeAccepted: false }));
  });
});

describe("uuidFromName", () => {
  it("is stable for the same parts and a valid version-8 UUID", () => {
    const a = uuidFromName("51", "acct-1", "key");
    expect(a).toBe(uuidFromName("51", "acct-1", "key"));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("does not collide when parts are split differently", () => {
    expect(uuidFromName("51", "ab")).not.toBe(uuidFromName("51a", "b"));
  });
});
