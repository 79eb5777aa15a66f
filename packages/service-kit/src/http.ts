/**
 * The HTTP host every service process runs: a plain node:http server (no framework: a service needs a
 * handful of JSON routes and one GraphQL endpoint) that mounts
 * - JSON routes (`/healthz`, internal APIs such as `/internal/messages`), and
 * - an Apollo Server through `executeHTTPGraphQLRequest`, so GraphQL and internal routes share a port.
 * Bodies are size-limited; `close()` stops accepting, then ends keep-alive connections. On the GraphQL
 * path every refusal the host gives itself is GraphQL-shaped (`{errors:[{message, extensions:{code}}]}`,
 * codes from the catalogue): an over-size body (REQUEST_TOO_LARGE, 413) and a JSON body that is not
 * a JSON object (MALFORMED_REQUEST, 400).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { graphqlErrorBody } from "./document-limits";
import { sqlStatementCounts } from "./db";

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  rawBody: Buffer;
}

export interface HttpResponse {
  status: number;
  json?: unknown;
  text?: string;
  /** Raw bytes (static assets). */
  body?: Uint8Array;
  headers?: Record<string, string>;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  handler: (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;
}

export interface GraphQLMount<TContext extends BaseContext> {
  /** Default "/graphql". */
  path?: string;
  server: ApolloServer<TContext>;
  context: (req: HttpRequest) => Promise<TContext>;
  /**
   * Runs before Apollo: may rewrite `req.body` (e.g. a trusted document's text for its hash) or answer
   * the request itself by returning a response.
   */
  preprocess?: (req: HttpRequest) => HttpResponse | undefined;
  /** May change the status of a complete answer (e.g. GraphQL-over-HTTP's 200 for `application/json`). */
  responseStatus?: (answer: { status: number; contentType: string; body: string; accept: string }) => number;
}

export interface StartHttpServerOptions<TContext extends BaseContext> {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  routes?: Route[];
  graphql?: GraphQLMount<TContext>;
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Called with unexpected handler errors (they answer 500 with a generic message). */
  onError?: (err: unknown, req: HttpRequest) => void;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/**
 * True when a POST to the GraphQL path says it carries JSON but carries no JSON object with keys: not
 * JSON at all, nothing, `null`, a scalar or `{}`. (Other content types are Apollo's to refuse: its CSRF
 * check; arrays too: it explains that batching is off.)
 */
function notAGraphQLBody(method: string, contentType: string | undefined, body: unknown): boolean {
  if (method !== "POST" || !contentType?.includes("json")) return false;
  // `parseJson` gives undefined for an empty body and for one that does not parse.
  return !Array.isArray(body) && (typeof body !== "object" || body === null || Object.keys(body).length === 0);
}
const sqlMetricsRoute: Route = {
  method: "GET",
  path: "/metrics",
  handler: () => ({
    status: 200,
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    text: [
      "# HELP jg_sql_statements_total SQL statements sent by this process, per database.",
      "# TYPE jg_sql_statements_total counter",
      ...Object.entries(sqlStatementCounts()).map(([name, n]) => `jg_sql_statements_total{database="${name}"} ${n}`),
      "",
    ].join("\n"),
  }),
};

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped (not buffered), so the client still gets its 413.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType && !contentType.includes("json")) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, out: HttpResponse, head = false): void {
  const headers: Record<string, string> = { ...out.headers };
  let payload: string | Uint8Array = "";
  if (out.json !== undefined) {
    headers["content-type"] ??= "application/json; charset=utf-8";
    payload = JSON.stringify(out.json);
  } else if (out.text !== undefined) {
    headers["content-type"] ??= "text/plain; charset=utf-8";
    payload = out.text;
  } else if (out.body !== undefined) {
    headers["content-type"] ??= "application/octet-stream";
    payload = out.body;
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(out.status, headers);
  // HEAD: the GET answer's status and headers, no body (RFC 9110 §9.3.2).
  res.end(head ? undefined : payload);
}

async function runGraphQL<TContext extends BaseContext>(
  mount: GraphQLMount<TContext>,
  req: HttpRequest,
  res: ServerResponse,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const result = await mount.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: req.query.toString(), body: req.body },
    context: () => mount.context(req),
  });
  const outHeaders: Record<string, string> = {};
  for (const [key, value] of result.headers) outHeaders[key] = value;
  if (result.body.kind === "complete") {
    const status = result.status ?? 200;
    const contentType = result.headers.get("content-type") ?? "";
    res.writeHead(mount.responseStatus ? mount.responseStatus({ status, contentType, body: result.body.string, accept: String(req.headers["accept"] ?? "") }) : status, outHeaders);
    res.end(result.body.string);
    return;
  }
  res.writeHead(result.status ?? 200, outHeaders);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Starts the host and resolves once it listens. */
export async function startHttpServer<TContext extends BaseContext>(
  options: StartHttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const given = options.routes ?? [];
  // A host without its own /metrics reports the SQL statements its process sent (Prometheus text):
  // what the benchmarks divide by requests ("one statement per batch", bench/cpu-per-request.bench.ts).
  const routes = given.some((r) => r.path === "/metrics") ? given : [...given, sqlMetricsRoute];
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const graphqlPath = options.graphql?.path ?? "/graphql";

  const server = createServer((incoming, res) => {
    const url = new URL(incoming.url ?? "/", "http://localhost");
    const base = { method: incoming.method ?? "GET", path: url.pathname, query: url.searchParams, headers: incoming.headers };
    readBody(incoming, limit)
      .then(async (rawBody) => {
        const body = parseJson(rawBody, incoming.headers["content-type"]);
        const req: HttpRequest = { ...base, rawBody, body };
        if (options.graphql && req.path === graphqlPath) {
          // Apollo Server would answer "POST body missing, invalid Content-Type, or JSON object has no keys".
          if (notAGraphQLBody(req.method, incoming.headers["content-type"], body)) {
            return send(res, { status: 400, json: graphqlErrorBody("MALFORMED_REQUEST") });
          }
          const answer = options.graphql.preprocess?.(req);
          return answer ? send(res, answer) : runGraphQL(options.graphql, req, res);
        }
        // HEAD is answered by the GET route, without the body.
        const head = req.method === "HEAD";
        const method = head ? "GET" : req.method;
        const route = routes.find((r) => r.path === req.path && r.method === method);
        if (!route) {
          const known = routes.some((r) => r.path === req.path);
          return send(res, { status: known ? 405 : 404, json: { error: known ? "method not allowed" : "not found" } }, head);
        }
        try {
          send(res, await route.handler(req), head);
        } catch (err) {
          options.onError?.(err, req);
          send(res, { status: 500, json: { error: "internal error" } }, head);
        }
      })
      .catch((err: unknown) => {
        if (res.headersSent) return res.end();
        if (err instanceof BodyTooLarge) {
          const json = options.graphql && base.path === graphqlPath ? graphqlErrorBody("REQUEST_TOO_LARGE", { limit }) : { error: "request body too large" };
          return send(res, { status: 413, json, headers: { connection: "close" } });
        }
        options.onError?.(err, { ...base, body: undefined, rawBody: Buffer.alloc(0) });
        send(res, { status: 500, json: { error: "internal error" } });
      });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
