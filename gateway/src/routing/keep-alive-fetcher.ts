/**
 * The fetcher behind every subgraph data source: undici with one keep-alive connection pool per
 * gateway (instead of make-fetch-happen, Apollo's default), so a hot path reuses sockets to each shard.
 * The per-call abort signal travels through AsyncLocalStorage because RemoteGraphQLDataSource builds
 * the request init itself and has no parameter for one.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { Agent, fetch as undiciFetch } from "undici";

type Fetcher = RemoteGraphQLDataSource["fetcher"];

const signals = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn` so that every fetch a keep-alive fetcher makes inside it is aborted by `signal`. */
export function withSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return signals.run(signal, fn);
}

export interface KeepAliveFetcher {
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

/** Creates a fetcher with its own undici `Agent`. */
export function createKeepAliveFetcher(options: KeepAliveOptions = {}): KeepAliveFetcher {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connections ?? 64,
  });
  const fetcher = ((url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const signal = signals.getStore();
    return undiciFetch(url, { ...init, dispatcher: agent, ...(signal ? { signal } : {}) });
  }) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
