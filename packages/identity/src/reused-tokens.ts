/**
 * One signed token per key, reused while it is young (issue 12): the one rule every signer of this
 * repository that signs the same claims again and again follows — the edge's identity headers, the
 * services' service tokens, the home platform's access statements, the launcher's and the simulator's
 * tokens. A token reused for `reuseMs` has at least its lifetime less that window left; a receiver
 * checks its signature, audience and expiry, never its age, so a reused token is exactly as good, and a
 * receiver that remembers verified tokens by their text (the key directory does) verifies it once.
 *
 * A token is reused only while `now` (the signer's clock, which may be virtual) is at or after its
 * signing and less than the window after it: a clock that went back signs afresh (the held token would
 * not be valid yet there), and the window is never more than half the lifetime. A signing that fails is
 * not kept. At most `maxEntries` keys are held (all are forgotten when full: the next of each signs again).
 */

export interface ReusedTokensOptions<K> {
  /** The tokens' lifetime. */
  ttlSeconds: number;
  /** How long one token is handed out again (default, and at most, half of the lifetime). */
  reuseMs?: number;
  /** Keys held at most (default 2 000). */
  maxEntries?: number;
  /** The key's identity as text (default: the key itself when a string, else its JSON). */
  keyOf?: (key: K) => string;
}

/** `sign(key, now)` behind the reuse rule above: the same promise for the same key while it is young. */
export function reusedTokens<K>(sign: (key: K, now: Date) => Promise<string>, options: ReusedTokensOptions<K>): (key: K, now: Date) => Promise<string> {
  const half = (options.ttlSeconds * 1000) / 2;
  const reuse = Math.min(options.reuseMs ?? half, half);
  const max = options.maxEntries ?? 2_000;
  const keyOf = options.keyOf ?? ((key: K) => (typeof key === "string" ? key : JSON.stringify(key)));
  const held = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (key, now) => {
    const k = keyOf(key);
    const t = now.getTime();
    const hit = held.get(k);
    if (hit && t >= hit.signedAt && t - hit.signedAt < reuse) return hit.token;
    const token = sign(key, now);
    if (held.size >= max) held.clear();
    const entry = { token, signedAt: t };
    held.set(k, entry);
    token.catch(() => {
      if (held.get(k) === entry) held.delete(k);
    });
    return token;
  };
}
