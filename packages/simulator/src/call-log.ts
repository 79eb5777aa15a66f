/**
 * What the simulation records of its gateway calls (the report's latencies and error codes, the HTML
 * report's load charts): every call's real start, duration and the error and denial codes it answered.
 */
import { accessTokenFor, gatewayGraphQL, type GraphQLResponse, type RunningSystem } from "@jg/cluster";
import type { Identity } from "@jg/identity";
import type { CallRecord } from "./sim-events";
import { Counter } from "./stats";

export class CallLog {
  /** Error and denial codes seen in answers, by code. */
  readonly errors = new Counter();
  /** Latency of every gateway call, real ms. */
  readonly latencies: number[] = [];
  /** Every gateway call: real start, real ms, codes answered. */
  readonly calls: CallRecord[] = [];

  /** A GraphQL call through the gateway as `identity` at virtual time `now`, recorded. */
  async call<T>(system: RunningSystem, now: Date, identity: Identity, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const token = await accessTokenFor(identity, system.keys, now);
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
}
