/**
 * The gateway's HTTP client of its subgraphs: one keep-alive undici `Agent` per gateway, so a hot path
 * reuses sockets to each shard, driven through undici's `request` API (`post`) rather than WHATWG
 * `fetch`: a CPU profile of the citizen's query (issue #11) showed most of the gateway's time in
 * fetch's machinery (Request/Response/Headers objects, webidl conversions, AbortSignal plumbing) and in
 * the async hooks an AsyncLocalStorage switched on to carry each call's abort signal. `post` takes the
 * signal as an argument instead. `fetcher` (undici's fetch on the same Agent) remains for the rare
 * schema checks of /readyz.
 *
 * Third pass (issue 11): `post` dispatches on the Agent with a handler that collects the body's chunks,
 * without `request`'s Readable body stream and its text() consumer (node:internal/streams and undici's
 * body mixin were ~5 % of the gateway in the window profile); the origin and path of each subgraph URL
 * are parsed once.
 *
 * Fourth pass (issue 11): a call is aborted through a `CallAbort` (a plain object with one listener)
 * instead of an AbortController and its AbortSignal, an EventTarget built per attempt
 * (`createAbortSignal` and its listener bookkeeping were ≈ 2 % of the gateway in the window profile).
 */
import { STATUS_CODES } from "node:http";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { Agent, fetch as undiciFetch, type Dispatcher } from "undici";

type Fetcher = RemoteGraphQLDataSource["fetcher"];

/** A subgraph's answer: status, content type and body text. */
interface PostResult {
  status: number;
  statusText: string;
  contentType: string | undefined;
  text: string;
}

/**
 * Aborts one call: `abort(reason)` rejects the call it was given to with `reason` (at once when it is
 * already aborted when the call starts). At most one call listens at a time.
 */
export class CallAbort {
  aborted = false;
  reason: unknown = undefined;
  private listener: ((reason: unknown) => void) | undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.(reason);
  }

  /** Sets (or with undefined clears) the listener told of the abort. */
  listen(listener: ((reason: unknown) => void) | undefined): void {
    this.listener = listener;
  }
}

export interface KeepAliveFetcher {
  /** POSTs a JSON body; resolves with any status, rejects on network error or when `abort` aborts. */
  post(url: string, headers: Record<string, string>, body: string, abort?: CallAbort): Promise<PostResult>;
  /** A fetch on the same pool, for infrequent calls (schema checks). */
  fetcher: Fetcher;
  /** Closes the pooled connections (graceful shutdown). */
  close(): Promise<void>;
}

export interface KeepAliveOptions {
  /** Idle time before a pooled socket is closed, in ms (default 30 000). */
  keepAliveTimeoutMs?: number;
  /** Connections per origin (default 64). */
  connections?: number;
}

/** Creates a client with its own undici `Agent`. */
export function createKeepAliveFetcher(options: KeepAliveOptions = {}): KeepAliveFetcher {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connections ?? 64,
  });
  const fetcher = ((url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) =>
    undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Fetcher;
  return {
    post: (url, headers, body, abort) => post(agent, url, headers, body, abort),
    fetcher,
    close: () => agent.close(),
  };
}

/** Origin and path of each subgraph URL, parsed once (a gateway talks to a handful of URLs). */
const targets = new Map<string, { origin: string; path: string }>();
function targetOf(url: string): { origin: string; path: string } {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size > 1_000) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/** One POST on `agent`: resolves with the status, content type and body text; rejects on a network error or when `abort` aborts. */
function post(agent: Agent, url: string, headers: Record<string, string>, body: string, abort?: CallAbort): Promise<PostResult> {
  if (abort?.aborted) return Promise.reject(abort.reason as Error);
  const { origin, path } = targetOf(url);
  return new Promise<PostResult>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let statusText = "";
    let contentType: string | undefined;
    const chunks: Buffer[] = [];
    abort?.listen((reason) => controller?.abort(reason as Error));
    const settle = () => abort?.listen(undefined);
    agent.dispatch(
      { origin, path, method: "POST", headers, body },
      {
        onRequestStart(ctl) {
          controller = ctl;
          if (abort?.aborted) ctl.abort(abort.reason as Error);
        },
        onResponseStart(_ctl, statusCode, responseHeaders) {
          // 1xx informational answers come first and carry no body of ours.
          if (statusCode < 200) return;
          status = statusCode;
          statusText = STATUS_CODES[statusCode] ?? "";
          const type = responseHeaders["content-type"];
          contentType = Array.isArray(type) ? type[0] : type;
        },
        onResponseData(_ctl, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          settle();
          resolve({ status, statusText, contentType, text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8") });
        },
        onResponseError(_ctl, error) {
          settle();
          reject(error);
        },
      },
    );
  });
}
