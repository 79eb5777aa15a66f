/**
 * The one retry backoff (issue #15): the outbox relay's and the webhook relay's spacing of undelivered
 * messages and the gateway's retries of a failed shard query. Exponential from `baseMs`, capped at
 * `maxMs`, with jitter so that what failed together (a receiver restart) does not all come back in the
 * same instant.
 */
export interface BackoffOptions {
  /** Delay after the first failed attempt, in ms; default 500. */
  baseMs?: number;
  /** Largest delay, in ms; default 60 000. */
  maxMs?: number;
  /** Fraction of the delay that is randomised away (0 = none, 1 = "full jitter"); default 0.2. */
  jitter?: number;
}

/**
 * Delay before the next attempt after `attempts` failed attempts (≥ 1):
 * `min(maxMs, baseMs · 2^(attempts−1)) · (1 − jitter · random())`.
 */
export function backoffDelay(attempts: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 60_000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const raw = Math.min(max, base * 2 ** exponent);
  return Math.round(raw * (1 - jitter * random()));
}
