import { describe, expect, it } from "vitest";
import { CircuitBreaker, type BreakerState } from "./circuit-breaker";

function breaker(threshold = 3, coolDownMs = 1000) {
  let now = 0;
  const changes: BreakerState["kind"][] = [];
  const b = new CircuitBreaker({ failureThreshold: threshold, coolDownMs, now: () => now, onChange: (s) => changes.push(s.kind) });
  return { b, changes, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("opens only after N consecutive failures; a success in between resets the count", () => {
    const { b } = breaker(3);
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.current().kind).toBe("closed");
    b.recordFailure();
    expect(b.current().kind).toBe("open");
    expect(b.tryAcquire()).toBe(false);
  });

  it("lets exactly one probe through after the cool-down, and closes when it succeeds", () => {
    const { b, changes, advance } = breaker(1, 1000);
    b.recordFailure();
    advance(999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // a second caller waits for the probe
    b.recordSuccess();
    expect(b.current().kind).toBe("closed");
    expect(changes).toEqual(["open", "half-open", "closed"]);
  });

  it("reopens for a full cool-down when the probe fails", () => {
    const { b, advance } = breaker(1, 1000);
    b.recordFailure();
    advance(1000);
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    advance(999);
    expect(b.current().kind).toBe("open");
    advance(1);
    expect(b.current().kind).toBe("half-open");
  });

  it("refuses a threshold below one", () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(RangeError);
  });
});
