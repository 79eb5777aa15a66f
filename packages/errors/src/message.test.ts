import { describe, expect, it } from "vitest";
import { AppFault } from "./app-fault";
import { ECHO_LIMIT, echoed, messageFor } from "./message";

describe("echoed values (issue #10 §6)", () => {
  it("cuts a client's value at ECHO_LIMIT characters in every message", () => {
    const id = "1".repeat(10_000);
    const message = messageFor("INVALID_VIOLATION_ID", "en", { id });
    expect(message).toBe(`Malformed violation ID: ${"1".repeat(ECHO_LIMIT)}…`);
    expect(new AppFault("INVALID_VIOLATION_ID", { params: { id } }).messageIn("zh").length).toBeLessThan(ECHO_LIMIT + 20);
  });

  it("leaves short values and numbers as they are", () => {
    expect(echoed("5001001234567890")).toBe("5001001234567890");
    expect(echoed(12)).toBe(12);
    expect(echoed("x".repeat(ECHO_LIMIT))).toBe("x".repeat(ECHO_LIMIT));
  });
});
