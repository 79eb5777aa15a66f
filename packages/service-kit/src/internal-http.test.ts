import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { startHttpServer, type RunningHttpServer } from "./http";
import { authorizationOf, createInternalClient, InternalCallError } from "./internal-http";

describe("the internal HTTP client", () => {
  let host: RunningHttpServer;
  const client = createInternalClient({ token: (audience) => `token-for-${audience}`, timeoutMs: 300 });
  // /slow answers only when the test lets it go: the client's timeout is what the test waits for.
  const held: (() => void)[] = [];

  beforeAll(async () => {
    host = await startHttpServer({
      routes: [
        { method: "POST", path: "/echo", handler: (req) => ({ status: 200, json: { got: req.body, authorization: authorizationOf(req.headers) } }) },
        { method: "POST", path: "/fail", handler: () => ({ status: 503, json: { error: "down" } }) },
        { method: "POST", path: "/slow", handler: () => new Promise((resolve) => held.push(() => resolve({ status: 200, json: {} }))) },
        { method: "GET", path: "/who", handler: (req) => ({ status: 200, json: { authorization: authorizationOf(req.headers) } }) },
      ],
    });
  });
  afterAll(async () => {
    await client.close();
    await host.close();
  });

  it("POSTs JSON with the callback's bearer token for the audience, and parses the answer", async () => {
    const answer = await client.post(host.url, "/echo", "home-platform", { a: 1 });
    expect(answer).toMatchObject({ status: 200, body: { got: { a: 1 }, authorization: "Bearer token-for-home-platform" } });
    expect(await client.postOk(host.url, "/echo", "province-51", [1, 2])).toEqual({ got: [1, 2], authorization: "Bearer token-for-province-51" });
    expect((await client.get(host.url, "/who", "x")).body).toEqual({ authorization: "Bearer token-for-x" });
  });

  it("postOk throws the status of a non-2xx answer; a timeout or a closed port throws without one", async () => {
    await expect(client.postOk(host.url, "/fail", "a", {})).rejects.toMatchObject({ name: "InternalCallError", status: 503 });
    expect((await client.post(host.url, "/fail", "a", {})).status).toBe(503);
    const slow = await client.post(host.url, "/slow", "a", {}, { timeoutMs: 20 }).catch((err: unknown) => err);
    for (const letGo of held.splice(0)) letGo();
    expect(slow).toBeInstanceOf(InternalCallError);
    expect((slow as InternalCallError).status).toBeUndefined();
    await expect(client.post("http://127.0.0.1:1", "/echo", "a", {})).rejects.toBeInstanceOf(InternalCallError);
  });

  it("every host without its own /metrics reports its process's SQL statements there, per database", async () => {
    const migrationsFolder = fileURLToPath(new URL("../test/fixture-migrations", import.meta.url));
    const database = await openDatabase({ schema: {}, migrationsFolder, name: "metrics-probe" });
    try {
      const count = async () => {
        const text = await (await fetch(`${host.url}/metrics`)).text();
        return Number(/^jg_sql_statements_total\{database="metrics-probe"\} (\d+)$/m.exec(text)?.[1]);
      };
      const before = await count();
      await database.db.execute(sql`select 1`);
      await database.db.execute(sql`select 2`);
      expect((await count()) - before).toBe(2);
    } finally {
      await database.close();
    }
  });
});

