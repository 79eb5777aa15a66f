/**
 * One province shard as the router sees it: a subgraph data source (identity and request ID forwarded,
 * keep-alive undici client) behind a per-call timeout, bounded retries for queries only, and a circuit
 * breaker. Failures come back as values, so the router can fail just the
 * items of this shard and keep the rest of the response (docs/design.md §3).
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { backoffDelay } from "@jg/service-kit";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "../context";
import { forwardHeaders } from "../forward-headers";
import type { CircuitBreaker, BreakerState } from "./circuit-breaker";
import { CallAbort, type KeepAliveFetcher } from "./keep-alive-fetcher";
import type { SubgraphResponse } from "./subgraph-response";

/** Why a shard gave no answer. */
export type ShardFailureReason = "CIRCUIT_OPEN" | "TIMEOUT" | "UNREACHABLE" | "UPSTREAM_ERROR" | "SCHEMA_DRIFT";

/** A shard's answer (which may itself carry GraphQL errors), or why there is none. */
export type ShardResult =
  | { readonly ok: true; readonly response: SubgraphResponse }
  | { readonly ok: false; readonly reason: ShardFailureReason; readonly message: string };

/** Told of every attempt, for the per-shard latency histogram and error counters. */
type ShardObserver = (province: string, outcome: "ok" | ShardFailureReason, seconds: number) => void;

export interface ShardClientOptions {
  province: string;
  url: string;
  keepAlive: KeepAliveFetcher;
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** Per-attempt timeout in ms of a call marked `batch` (a heavy batch mutation); default `timeoutMs`. */
  batchTimeoutMs?: number;
  /** Extra attempts for a query after a failure (never for a mutation). */
  retries: number;
  /** First backoff in ms; doubles per retry, with full jitter. */
  retryBaseMs: number;
  breaker: CircuitBreaker;
  observe?: ShardObserver;
  /** Waits between retries (tests inject an instant one). */
  sleep?: (ms: number) => Promise<void>;
  /** Arms an attempt's timeout and returns its cancel (default a real timer; tests fire it on an event). */
  timer?: ShardTimer;
  /** Ask the shard for inline traces (default false). */
  tracing?: boolean;
  /** Monotonic time in ms, for latency (default `performance.now`). */
  hrNow?: () => number;
}

/** The language of router messages for a call (the gateway context's, default English). */
export function langOf(call: ShardCall): "zh" | "en" {
  const lang = (call.options.context as Partial<GatewayContext> | undefined)?.lang;
  return lang === "zh" ? "zh" : "en";
}

/** What to send: a ready subgraph request, and the gateway's process options it came with. */
export interface ShardCall {
  operationType: "query" | "mutation" | "subscription";
  query: string;
  variables: Record<string, unknown>;
  operationName?: string | undefined;
  options: GraphQLDataSourceProcessOptions<GatewayContext>;
  /** A heavy batch mutation (route-table.ts): the attempt gets `batchTimeoutMs`. */
  batch?: boolean;
}

/**
 * A subgraph data source that forwards the identity, request ID and language (and traces only on
 * request). It keeps RemoteGraphQLDataSource's contract (a non-2xx answer throws a GraphQLError with
 * `extensions.response` { status, body }; a body that is not a JSON object throws "Expected JSON
 * response body") but sends through the keep-alive client's `post`, without the node-fetch Headers and
 * Request objects and the WHATWG fetch RemoteGraphQLDataSource builds per call (issue #11).
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  tracing = false;
  private readonly keepAlive: KeepAliveFetcher;

  constructor(config: { url: string; keepAlive: KeepAliveFetcher }) {
    super({ url: config.url, fetcher: config.keepAlive.fetcher });
    this.keepAlive = config.keepAlive;
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    return this.send(options);
  }

  /** Sends one subgraph request, aborted by `abort`, with `extraHeaders` besides the forwarded ones. */
  async send(options: GraphQLDataSourceProcessOptions<GatewayContext>, abort?: CallAbort, extraHeaders?: Record<string, string>): Promise<SubgraphResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error("Missing query");
    const headers: Record<string, string> = {};
    for (const [name, value] of options.request.http?.headers ?? []) headers[name.toLowerCase()] = value;
    forwardHeaders(
      { set: (name, value) => (headers[name.toLowerCase()] = value), delete: (name) => delete headers[name.toLowerCase()] },
      options.context as Partial<GatewayContext>,
      this.tracing,
    );
    if (extraHeaders) Object.assign(headers, extraHeaders);
    headers["content-type"] = "application/json";
    const body = JSON.stringify({ query, variables, operationName, ...(extensions ? { extensions } : {}) });
    const res = await this.keepAlive.post(this.url!, headers, body, abort);
    const json = res.contentType?.startsWith("application/json") || res.contentType?.startsWith("application/graphql-response+json");
    const parsed: unknown = json ? JSON.parse(res.text) : res.text;
    if (res.status < 200 || res.status > 299) {
      const code = res.status === 401 ? { code: "UNAUTHENTICATED" } : res.status === 403 ? { code: "FORBIDDEN" } : {};
      throw new GraphQLError(`${res.status}: ${res.statusText}`, {
        extensions: { response: { url: this.url, status: res.status, statusText: res.statusText, body: parsed }, ...code },
      });
    }
    if (typeof parsed !== "object" || parsed === null) throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
    return parsed as SubgraphResponse;
  }
}

class TimeoutSignal extends Error {}

/** Arms a timeout of `ms` that calls `onTimeout`; returns what cancels it. */
export type ShardTimer = (ms: number, onTimeout: () => void) => () => void;

const realTimer: ShardTimer = (ms, onTimeout) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ShardClient {
  readonly province: string;
  readonly url: string;
  /** Set when the shard is refused (schema drift): every call fails without being sent. */
  refusal: { reason: "SCHEMA_DRIFT"; message: string } | undefined;
  private readonly source: ForwardingDataSource;

  constructor(private readonly opts: ShardClientOptions) {
    this.province = opts.province;
    this.url = opts.url;
    this.source = new ForwardingDataSource({ url: opts.url, keepAlive: opts.keepAlive });
    this.source.tracing = opts.tracing ?? false;
  }

  /** The breaker's state, for /readyz. */
  breakerState(): BreakerState {
    return this.opts.breaker.current();
  }

  /** Sends one subgraph request; retries a query after a shard failure, never a mutation. */
  async send(call: ShardCall): Promise<ShardResult> {
    if (this.refusal) return { ok: false, ...this.refusal };
    const attempts = 1 + (call.operationType === "query" ? Math.max(0, this.opts.retries) : 0);
    const circuitOpen: ShardResult = { ok: false, reason: "CIRCUIT_OPEN", message: `circuit of province ${this.province} is open` };
    let last: ShardResult = circuitOpen;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) await (this.opts.sleep ?? realSleep)(backoffDelay(attempt, { baseMs: this.opts.retryBaseMs, jitter: 1 }));
      // A circuit that opened during our own retries: report what actually went wrong, not the circuit.
      if (!this.opts.breaker.tryAcquire()) return attempt === 0 ? circuitOpen : last;
      last = await this.attempt(call);
      if (last.ok) this.opts.breaker.recordSuccess();
      else this.opts.breaker.recordFailure();
      if (last.ok) return last;
    }
    return last;
  }

  private async attempt(call: ShardCall): Promise<ShardResult> {
    const started = (this.opts.hrNow ?? performance.now.bind(performance))();
    const abort = new CallAbort();
    const timeoutMs = call.batch ? (this.opts.batchTimeoutMs ?? this.opts.timeoutMs) : this.opts.timeoutMs;
    const cancelTimeout = (this.opts.timer ?? realTimer)(timeoutMs, () => abort.abort(new TimeoutSignal()));
    let result: ShardResult;
    try {
      // A fresh request object per attempt: RemoteGraphQLDataSource writes `http` into it.
      const request = { query: call.query, variables: call.variables, operationName: call.operationName };
      const response = await this.source.send({ ...call.options, request }, abort);
      result = { ok: true, response };
    } catch (error) {
      result = this.classify(error, abort, timeoutMs);
    } finally {
      cancelTimeout();
    }
    const seconds = ((this.opts.hrNow ?? performance.now.bind(performance))() - started) / 1000;
    this.opts.observe?.(this.province, result.ok ? "ok" : result.reason, seconds);
    return result;
  }

  private classify(error: unknown, abort: CallAbort, timeoutMs: number): ShardResult {
    if (abort.aborted && abort.reason instanceof TimeoutSignal) {
      return { ok: false, reason: "TIMEOUT", message: `province ${this.province} did not answer within ${timeoutMs} ms` };
    }
    if (error instanceof GraphQLError) {
      const response = error.extensions["response"] as { status?: number; body?: unknown } | undefined;
      const status = response?.status ?? 500;
      // A 4xx with a GraphQL body is an answer (for example a validation error), not a sick shard.
      if (status < 500 && isGraphQLBody(response?.body)) return { ok: true, response: response!.body as SubgraphResponse };
      if (status < 500) return { ok: true, response: { errors: [error] } };
      return { ok: false, reason: "UPSTREAM_ERROR", message: `province ${this.province} answered HTTP ${status}` };
    }
    if (error instanceof Error && error.message.startsWith("Expected JSON response body")) {
      return { ok: false, reason: "UPSTREAM_ERROR", message: `province ${this.province} answered no JSON` };
    }
    return { ok: false, reason: "UNREACHABLE", message: `province ${this.province} is unreachable` };
  }
}

/** True when an HTTP answer's body is a GraphQL response with errors. */
export function isGraphQLBody(body: unknown): boolean {
  return typeof body === "object" && body !== null && Array.isArray((body as { errors?: unknown }).errors);
}
