/**
 * A shard host (issue 12; docs/design.md §9 "Process layout"): several province shards in one Node process, for
 * development and simulation. Each shard is the same `createProvinceShard` a shard process runs, with
 * its own configuration (its own environment record: province code, port, database, secrets or key),
 * its own database, HTTP server, clock, relay, sweeper and fault injection; only the process, the
 * compiled code and the PGlite runtime are shared. A deployment runs one process per province instead.
 *
 * Configuration: `HOSTED_SHARDS`, a JSON array of environment records, one per shard, each read as a
 * shard process reads its environment (config.ts) on top of the host's own environment. `PORT` is the
 * host's own port: `GET /healthz` answers `{ ok, pid, shards }` once every shard listens. A shard (or the
 * host) given port 0 binds a free port; a shard started again binds the port it had, so its URL stays
 * the one the gateway knows. Once every shard listens the host reports the ports to its launcher
 * (`reportReady`: "main" for its own, each province code for that shard's).
 *
 * Control (from the launcher that started the host, over the IPC channel only, so nothing on the
 * network can stop a shard): `{ id, op: "stop" | "start", code }` stops or starts that one shard's
 * server, database and loops; the others keep answering. The answer is `{ id, ok, error? }`.
 */
import { createServer } from "node:http";
import type { ProvinceShard } from "@jg/province-service";
import { startFromEnv } from "./index";

export interface HostControlMessage {
  id: number;
  op: "stop" | "start";
  code: string;
}

export interface HostControlAnswer {
  id: number;
  ok: boolean;
  error?: string;
}

/** Parses `HOSTED_SHARDS`: one environment record per shard, each naming its PROVINCE_CODE once. */
export function hostedShardEnvs(text: string | undefined): Record<string, string>[] {
  if (!text) throw new Error("HOSTED_SHARDS is required: a JSON array of shard environments");
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error("HOSTED_SHARDS must be a non-empty JSON array");
  const seen = new Set<string>();
  return parsed.map((entry: unknown, i) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new Error(`HOSTED_SHARDS[${i}] must be an object`);
    const env = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, String(v)]));
    const code = env["PROVINCE_CODE"];
    if (!code) throw new Error(`HOSTED_SHARDS[${i}] has no PROVINCE_CODE`);
    if (seen.has(code)) throw new Error(`HOSTED_SHARDS names province ${code} twice`);
    seen.add(code);
    return env;
  });
}

/** The shards of one host, each started and stopped on its own. */
export class ShardHost {
  private readonly running = new Map<string, ProvinceShard>();
  private readonly envs = new Map<string, Record<string, string>>();

  constructor(
    shardEnvs: Record<string, string>[],
    private readonly base: NodeJS.ProcessEnv,
  ) {
    for (const env of shardEnvs) this.envs.set(env["PROVINCE_CODE"]!, env);
  }

  get codes(): string[] {
    return [...this.envs.keys()];
  }

  isRunning(code: string): boolean {
    return this.running.has(code);
  }

  /** The port of each running shard, by province code. */
  ports(): Record<string, number> {
    return Object.fromEntries([...this.running].map(([code, shard]) => [code, shard.port]));
  }

  async start(code: string): Promise<ProvinceShard> {
    const env = this.envs.get(code);
    if (!env) throw new Error(`province ${code} is not hosted here`);
    const existing = this.running.get(code);
    if (existing) return existing;
    const shard = await startFromEnv({ ...this.base, ...env });
    this.running.set(code, shard);
    env["PORT"] = String(shard.port); // a restart binds the same port
    return shard;
  }

  async stop(code: string): Promise<void> {
    if (!this.envs.has(code)) throw new Error(`province ${code} is not hosted here`);
    const shard = this.running.get(code);
    if (!shard) return;
    this.running.delete(code);
    await shard.close();
  }

  /** Starts every shard one after another (a start is CPU-bound; one process has one thread). */
  async startAll(): Promise<void> {
    for (const code of this.codes) await this.start(code);
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled(this.codes.map((code) => this.stop(code)));
  }

  /** Carries out one control message from the launcher. */
  async control(message: HostControlMessage): Promise<HostControlAnswer> {
    try {
      if (message.op === "stop") await this.stop(message.code);
      else if (message.op === "start") await this.start(message.code);
      else throw new Error(`unknown op ${String(message.op)}`);
      return { id: message.id, ok: true };
    } catch (err) {
      return { id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
}

/** Starts the host's shards and its health port; resolves with a close function once all listen. */
export async function startShardHost(env: NodeJS.ProcessEnv): Promise<{ host: ShardHost; url: string; port: number; close(): Promise<void> }> {
  const shardEnvs = hostedShardEnvs(env["HOSTED_SHARDS"]);
  const base = { ...env };
  delete base["HOSTED_SHARDS"];
  delete base["PORT"];
  const host = new ShardHost(shardEnvs, base);
  let ready = false;
  const health = createServer((req, res) => {
    const shards = Object.fromEntries(host.codes.map((c) => [c, host.isRunning(c) ? "running" : "stopped"]));
    res.writeHead(req.url === "/healthz" && ready ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: ready, pid: process.pid, shards }));
  });
  await new Promise<void>((resolve, reject) => {
    health.once("error", reject);
    health.listen(Number(env["PORT"] ?? 0), env["HOST"] ?? "127.0.0.1", () => resolve());
  });
  const address = health.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  try {
    await host.startAll();
  } catch (err) {
    await host.stopAll();
    health.close();
    throw err;
  }
  ready = true;
  return {
    host,
    url,
    port,
    async close() {
      ready = false;
      await host.stopAll();
      await new Promise<void>((resolve) => health.close(() => resolve()));
    },
  };
}
