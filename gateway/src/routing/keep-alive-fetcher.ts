/**
 * The gateway's HTTP client of its subgraphs: one keep-alive undici `Agent` per gateway, so a hot path
 * reuses sockets to each shard, driven through undici's `request` API (`post`) rather than WHATWG
 * `fetch`: a CPU profile of the citizen's query (issue #11) showed most of the gateway's time in
 * fetch's machinery (Request/Response/Headers objects, webidl conversions, AbortSignal plumbing) and in
 * the async hooks an AsyncLocalStorage switched on to carry each call's abort signal. `post` takes the
 * signal as an argument instead. `fetcher` (undici's fetch on the same Agent) remains for the rare
 * schema checks of /readyz.
 */
import { STATUS_CODES } from "node:http";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { Agent, fetch as undiciFetch, request } from "undici";

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
    async post(url, headers, body, signal) {
      const res = await request(url, { method: "POST", dispatcher: agent, headers, body, ...(signal ? { signal } : {}) });
      const text = await res.body.text();
      const type = res.headers["content-type"];
      return {
        status: res.statusCode,
        statusText: STATUS_CODES[res.statusCode] ?? "",
        contentType: Array.isArray(type) ? type[0] : type,
        text,
      };
    },
    fetcher,
    close: () => agent.close(),
  };
}
