import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningHttpServer } from "./http";

describe("startHttpServer", () => {
  let host: RunningHttpServer;
  const apollo = new ApolloServer<{ who: string }>({
    typeDefs: "type Query { whoami: String! }",
    resolvers: { Query: { whoami: (_: unknown, __: unknown, ctx: { who: string }) => ctx.who } },
  });

  beforeAll(async () => {
    await apollo.start();
    host = await startHttpServer({
      maxBodyBytes: 1024,
      routes: [
        { method: "GET", path: "/healthz", handler: () => ({ status: 200, json: { ok: true } }) },
        { method: "POST", path: "/echo", handler: (req) => ({ status: 200, json: { got: req.body } }) },
        { method: "GET", path: "/boom", handler: () => { throw new Error("secret detail"); } },
      ],
      graphql: { server: apollo, context: async (req) => ({ who: String(req.headers["x-who"] ?? "nobody") }) },
    });
  });
  afterAll(async () => {
    await host.close();
    await apollo.stop();
  });

  it("serves JSON routes and parses JSON bodies", async () => {
    expect(await (await fetch(`${host.url}/healthz`)).json()).toEqual({ ok: true });
    const res = await fetch(`${host.url}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  it("answers 404 for unknown paths and 405 for a known path with the wrong method", async () => {
    expect((await fetch(`${host.url}/nope`)).status).toBe(404);
    expect((await fetch(`${host.url}/echo`)).status).toBe(405);
  });

  it("answers HEAD with the GET route's status and headers and no body", async () => {
    const res = await fetch(`${host.url}/healthz`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-length")).toBe(String('{"ok":true}'.length));
    expect(await res.text()).toBe("");
    expect((await fetch(`${host.url}/nope`, { method: "HEAD" })).status).toBe(404);
  });

  it("hides handler errors behind a generic 500", async () => {
    const res = await fetch(`${host.url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("secret detail");
  });

  it("refuses a body over the limit with 413", async () => {
    const res = await fetch(`${host.url}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ big: "x".repeat(4096) }) });
    expect(res.status).toBe(413);
  });

  it("executes GraphQL with a per-request context", async () => {
    const res = await fetch(`${host.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-who": "citizen-1" },
      body: JSON.stringify({ query: "{ whoami }" }),
    });
    expect(await res.json()).toEqual({ data: { whoami: "citizen-1" } });
  });
});
