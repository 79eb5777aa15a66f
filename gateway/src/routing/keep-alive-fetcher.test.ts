import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallAbort, createKeepAliveFetcher } from "./keep-alive-fetcher";

describe("the gateway's subgraph client (issue 11: undici dispatch, no body stream)", () => {
  let server: Server;
  let url: string;
  const seen: { headers: Record<string, unknown>; body: string; path: string | undefined }[] = [];
  const client = createKeepAliveFetcher({ connections: 4 });
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c));
      req.on("end", () => {
        seen.push({ headers: req.headers, body, path: req.url });
        if (req.url?.startsWith("/slow")) return void setTimeout(() => res.end("late"), 2_000);
        if (req.url?.startsWith("/teapot")) {
          res.writeHead(418, { "content-type": "text/plain" });
          return void res.end("no");
        }
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        // Several chunks, a multi-byte character split across two of them.
        const text = JSON.stringify({ echo: body, name: "渝A" + "x".repeat(70_000) });
        const bytes = Buffer.from(text, "utf8");
        const cut = bytes.indexOf(Buffer.from("渝", "utf8")) + 1;
        res.write(bytes.subarray(0, cut));
        setTimeout(() => res.end(bytes.subarray(cut)), 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("POSTs the body with the headers to the URL's path and answers status, content type and the whole body text", async () => {
    const res = await client.post(`${url}/graphql?x=1`, { "content-type": "application/json", "x-jg-identity": "abc" }, '{"q":1}');
    expect(res.status).toBe(200);
    expect(res.statusText).toBe("OK");
    expect(res.contentType).toBe("application/json; charset=utf-8");
    const parsed = JSON.parse(res.text) as { echo: string; name: string };
    expect(parsed.echo).toBe('{"q":1}');
    expect(parsed.name).toBe("渝A" + "x".repeat(70_000));
    expect(seen.at(-1)).toMatchObject({ path: "/graphql?x=1", body: '{"q":1}', headers: { "x-jg-identity": "abc" } });
  });

  it("answers a non-2xx status as it came", async () => {
    const res = await client.post(`${url}/teapot`, {}, "");
    expect(res).toMatchObject({ status: 418, text: "no", contentType: "text/plain" });
  });

  it("rejects with the abort's reason when it aborts, before or during the request", async () => {
    const reason = new Error("timed out");
    const before = new CallAbort();
    before.abort(reason);
    await expect(client.post(`${url}/graphql`, {}, "{}", before)).rejects.toBe(reason);
    const during = new CallAbort();
    setTimeout(() => during.abort(reason), 50);
    await expect(client.post(`${url}/slow`, {}, "{}", during)).rejects.toBe(reason);
  });
});
