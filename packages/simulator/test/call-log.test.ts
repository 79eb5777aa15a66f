import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateSystemKeys, type RunningSystem } from "@jg/cluster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallLog, TOKEN_REUSE_MS } from "../src/call-log";

/** A stand-in gateway that answers every call and records the bearer of each. */
let server: Server;
const bearers: string[] = [];
let system: RunningSystem;

beforeAll(async () => {
  server = createServer((req, res) => {
    bearers.push(req.headers.authorization ?? "");
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { ok: true } })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  system = { gatewayUrl: `http://127.0.0.1:${port}`, keys: generateSystemKeys(["51"], "gateway") } as unknown as RunningSystem;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("CallLog", () => {
  it("keeps a caller's access token for TOKEN_REUSE_MS of virtual time, and gets a fresh one after, or when the clock went back", async () => {
    const log = new CallLog();
    const alice = { kind: "CITIZEN", accountId: "a1" } as const;
    const bob = { kind: "CITIZEN", accountId: "b1" } as const;
    const t0 = new Date("2026-03-02T02:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    bearers.length = 0;
    const answer = await log.call(system, t0, alice, "{ ok }", {});
    expect(answer.data).toEqual({ ok: true });
    await log.call(system, at(TOKEN_REUSE_MS - 1), alice, "{ ok }", {});
    await log.call(system, at(TOKEN_REUSE_MS - 1), bob, "{ ok }", {});
    await log.call(system, at(TOKEN_REUSE_MS), alice, "{ ok }", {});
    await log.call(system, at(-1), alice, "{ ok }", {});
    const [first, reused, other, later, earlier] = bearers;
    expect(reused).toBe(first);
    expect(other).not.toBe(first);
    expect(later).not.toBe(first);
    expect(earlier).not.toBe(first);
    expect(earlier).not.toBe(later);
    expect(log.latencies).toHaveLength(5);
  });
});
