/**
 * What the simulation records of its gateway calls (the report's latencies and error codes, the HTML
 * report's load charts): every call's real start, duration and the error and denial codes it answered.
 */
import { accessTokenFor, gatewayGraphQL, type GraphQLResponse, type RunningSystem } from "@jg/cluster";
import { ACCESS_TOKEN_TTL_SECONDS, reusedTokens, type Identity } from "@jg/identity";
import type { CallRecord } from "./sim-events";
import { Counter } from "./stats";

/**
 * How long (virtual ms) a simulated client keeps the access token it was issued, as a real client keeps
 * its token for a session: far inside the token's 2-hour lifetime, and a clock moved back (or further
 * than this) gets a fresh one. Signing per call cost the simulator a key import and a signature, and
 * the gateway a signature check per request, its verified-token memory (10 s) never hit (issue 12).
 */
export const TOKEN_REUSE_MS = 60_000;

export class CallLog {
  /** Error and denial codes seen in answers, by code. */
  readonly errors = new Counter();
  /** Latency of every gateway call, real ms. */
  readonly latencies: number[] = [];
  /** Every gateway call: real start, real ms, codes answered. */
  readonly calls: CallRecord[] = [];
  /** Each identity's current access token, per key set of the systems called (@jg/identity's `reusedTokens`). */
  private readonly tokens = new WeakMap<RunningSystem["keys"], (identity: Identity, now: Date) => Promise<string>>();

  /** A GraphQL call through the gateway as `identity` at virtual time `now`, recorded. */
  async call<T>(system: RunningSystem, now: Date, identity: Identity, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const token = await this.tokenOf(system, identity, now);
    const t0 = performance.now();
    const res = await gatewayGraphQL<T>(system.gatewayUrl, query, variables, { token });
    const ms = performance.now() - t0;
    this.latencies.push(ms);
    const codes: string[] = [];
    for (const e of res.errors ?? []) codes.push(e.extensions?.code ?? "UNKNOWN");
    for (const answer of Object.values((res.data ?? {}) as Record<string, unknown>)) {
      const denials = (answer as { denials?: { code: string }[] } | null)?.denials;
      for (const d of denials ?? []) codes.push(d.code);
    }
    for (const code of codes) this.errors.add(code);
    this.calls.push({ at: Date.now() - ms, ms, codes });
    return res;
  }

  /** The access token `identity` holds at `now`: the one it was issued within {@link TOKEN_REUSE_MS}, else a fresh one. */
  private tokenOf(system: RunningSystem, identity: Identity, now: Date): Promise<string> {
    let held = this.tokens.get(system.keys);
    if (!held) {
      held = reusedTokens((who: Identity, at) => accessTokenFor(who, system.keys, at), { ttlSeconds: ACCESS_TOKEN_TTL_SECONDS, reuseMs: TOKEN_REUSE_MS, maxEntries: 100_000 });
      this.tokens.set(system.keys, held);
    }
    return held(identity, now);
  }
}
