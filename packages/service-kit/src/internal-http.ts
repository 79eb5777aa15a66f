/**
 * The one way a service calls another service's internal HTTP API (docs/design.md §4; issue #11, #15): a
 * JSON POST with a bearer token on a pooled keep-alive undici `Agent`, through undici's `request` API.
 * Not WHATWG `fetch`: per call, fetch builds Request/Response/Headers objects, an AbortSignal and
 * webidl conversions, which a CPU profile of the citizen's query showed as most of the callers' time.
 *
 * The token comes from a callback, so how a caller proves who it is (a service token of @jg/identity,
 * signed with the caller's own key) stays with the caller, who signs one per audience and reuses it for part
 * of its lifetime instead of signing per call (@jg/identity's `reusedTokens`).
 *
 * The receiving side's body parsing is in http.ts (`HttpRequest.body`); a receiver verifies the bearer
 * with @jg/identity's `authenticateService`, whose key directory remembers a verified token for seconds.
 */
import type { IncomingHttpHeaders } from "node:http";
import { Agent, request, type Dispatcher } from "undici";

/** Why an internal call gave no usable answer: the network, the timeout, or a non-2xx status. */
export class InternalCallError extends Error {
  constructor(
    message: string,
    /** The HTTP status when the service answered, else undefined. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "InternalCallError";
  }
}

/** An answer of any status: its status and its body (parsed JSON, or undefined when empty or not JSON). */
export interface InternalAnswer {
  status: number;
  body: unknown;
  text: string;
}

export interface InternalClientOptions {
  /** The bearer token for a call to `audience` (a service name such as "home-platform"). */
  token: (audience: string) => Promise<string> | string;
  /** Per-call timeout for headers and for the body, in ms; default 5 000. */
  timeoutMs?: number;
  /** undici dispatcher; default a keep-alive Agent owned by this client (closed by `close`). */
  dispatcher?: Dispatcher;
  /** Connections per origin of the own Agent; default 32. */
  connections?: number;
}

export interface InternalClient {
  /** POSTs `body` as JSON to `baseUrl` + `path` for `audience`; resolves with any status, throws on network error or timeout. */
  post(baseUrl: string, path: string, audience: string, body: unknown, options?: { timeoutMs?: number }): Promise<InternalAnswer>;
  /** As `post`, but a non-2xx answer throws an {@link InternalCallError} with its status; resolves with the parsed body. */
  postOk(baseUrl: string, path: string, audience: string, body: unknown, options?: { timeoutMs?: number }): Promise<unknown>;
  /** GET with the same token; resolves with any status. */
  get(baseUrl: string, path: string, audience: string, options?: { timeoutMs?: number }): Promise<InternalAnswer>;
  /** Closes the own Agent's connections (not a dispatcher passed in). */
  close(): Promise<void>;
}

function parsed(text: string, contentType: string | string[] | undefined): unknown {
  if (text.length === 0) return undefined;
  const type = Array.isArray(contentType) ? contentType[0] : contentType;
  if (type && !type.includes("json")) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Creates a client. One per process (or per caller) is enough: the Agent pools connections per origin. */
export function createInternalClient(options: InternalClientOptions): InternalClient {
  const ownAgent = options.dispatcher ? undefined : new Agent({ keepAliveTimeout: 30_000, connections: options.connections ?? 32 });
  const dispatcher = options.dispatcher ?? (ownAgent as Agent);
  const defaultTimeout = options.timeoutMs ?? 5_000;

  async function call(method: "GET" | "POST", baseUrl: string, path: string, audience: string, body: unknown, timeoutMs?: number): Promise<InternalAnswer> {
    const timeout = timeoutMs ?? defaultTimeout;
    const token = await options.token(audience);
    try {
      const res = await request(new URL(path, baseUrl), {
        method,
        dispatcher,
        headers:
          method === "POST"
            ? { "content-type": "application/json", authorization: `Bearer ${token}` }
            : { authorization: `Bearer ${token}` },
        ...(method === "POST" ? { body: JSON.stringify(body) } : {}),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await res.body.text();
      return { status: res.statusCode, body: parsed(text, res.headers["content-type"]), text };
    } catch (err) {
      throw new InternalCallError(`${method} ${path}: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
  }

  return {
    post: (baseUrl, path, audience, body, o) => call("POST", baseUrl, path, audience, body, o?.timeoutMs),
    get: (baseUrl, path, audience, o) => call("GET", baseUrl, path, audience, undefined, o?.timeoutMs),
    async postOk(baseUrl, path, audience, body, o) {
      const answer = await call("POST", baseUrl, path, audience, body, o?.timeoutMs);
      if (answer.status < 200 || answer.status >= 300) {
        throw new InternalCallError(`HTTP ${answer.status} from ${path}: ${answer.text.slice(0, 200)}`, answer.status);
      }
      return answer.body;
    },
    async close() {
      if (ownAgent && !ownAgent.closed) await ownAgent.close();
    },
  };
}

/** The bearer header of a request, for a service-caller check (first value when repeated). */
export function authorizationOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  return Array.isArray(header) ? header[0] : header;
}
