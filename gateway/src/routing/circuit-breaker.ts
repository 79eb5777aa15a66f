/**
 * A circuit breaker per shard, hand-written: three states as a typed union (docs/style.md, "lifecycle state
 * as a typed union") and an injected clock, so tests move time instead of sleeping. A library such as
 * cockatiel would wrap the call itself; here the router needs only "may I call?" and "how did it go?",
 * with the shard's state readable for /readyz and metrics, which is a few lines.
 *
 * closed ──N consecutive failures──▶ open ──cool-down elapsed──▶ half-open
 *   ▲                                  ▲                             │ one probe at a time
 *   └──────────── probe succeeds ──────┼──────── probe fails ────────┘
 */

/** The breaker's state. */
export type BreakerState =
  | { readonly kind: "closed"; readonly failures: number }
  | { readonly kind: "open"; readonly until: number }
  | { readonly kind: "half-open"; readonly probing: boolean };

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** Milliseconds the circuit stays open before one probe is let through (default 10 000). */
  coolDownMs?: number;
  /** Current time in milliseconds (default `Date.now`). */
  now?: () => number;
  /** Told of every state change (for logs and metrics). */
  onChange?: (state: BreakerState) => void;
}

export class CircuitBreaker {
  private state: BreakerState = { kind: "closed", failures: 0 };
  private readonly threshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private readonly onChange: ((state: BreakerState) => void) | undefined;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.coolDownMs = options.coolDownMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange;
    if (!(this.threshold >= 1)) throw new RangeError("failureThreshold must be at least 1");
  }

  /** The state now (an open circuit whose cool-down has passed reads as half-open). */
  current(): BreakerState {
    if (this.state.kind === "open" && this.now() >= this.state.until) this.set({ kind: "half-open", probing: false });
    return this.state;
  }

  /** Asks to send one call. True means go (and, when half-open, this call is the probe). */
  tryAcquire(): boolean {
    const state = this.current();
    if (state.kind === "closed") return true;
    if (state.kind === "open" || state.probing) return false;
    this.set({ kind: "half-open", probing: true });
    return true;
  }

  /** Reports a call that reached the shard and got an answer. */
  recordSuccess(): void {
    if (this.state.kind !== "closed" || this.state.failures !== 0) this.set({ kind: "closed", failures: 0 });
  }

  /** Reports a call that failed for the shard's sake (unreachable, timeout, 5xx). */
  recordFailure(): void {
    const state = this.state;
    if (state.kind === "half-open") return this.set({ kind: "open", until: this.now() + this.coolDownMs });
    if (state.kind === "open") return;
    const failures = state.failures + 1;
    this.set(failures >= this.threshold ? { kind: "open", until: this.now() + this.coolDownMs } : { kind: "closed", failures });
  }

  private set(state: BreakerState): void {
    const changed = state.kind !== this.state.kind;
    this.state = state;
    if (changed) this.onChange?.(state);
  }
}
