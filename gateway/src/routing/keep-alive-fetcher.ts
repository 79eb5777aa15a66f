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

export interface KeepAliveFetcher {
  /** POSTs a JSON body; resolves with any status, rejects on network error or when `signal` aborts. */
  post(url: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<PostResult>;
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
    post: (url, headers, body, signal) => post(agent, url, headers, body, signal),
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

/** One POST on `agent`: resolves with the status, content type and body text; rejects on a network error or when `signal` aborts. */
function post(agent: Agent, url: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<PostResult> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const { origin, path } = targetOf(url);
  return new Promise<PostResult>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let statusText = "";
    let contentType: string | undefined;
    const chunks: Buffer[] = [];
    const onAbort = () => controller?.abort(signal!.reason as Error);
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    agent.dispatch(
      { origin, path, method: "POST", headers, body },
      {
        onRequestStart(ctl) {
          controller = ctl;
          if (signal?.aborted) ctl.abort(signal.reason as Error);
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
