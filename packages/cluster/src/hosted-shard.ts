/**
 * A province served by a shard host (subgraphs/other-province/src/host.ts), seen as a service of its
 * own: `stop` and `start` act on that province's shard only (its server, database and loops), through
 * the host's IPC control channel, so fault injection ("province down", then back) leaves the other
 * provinces of the host answering. The host process itself is a {@link ManagedProcess} started and
 * stopped with the system.
 */
import { randomInt } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { waitHealthy, type ManagedProcess, type ProcessState } from "./process";

/** What the cluster and the simulator need of a service, whether a process or a hosted shard. */
export interface ServiceHandle {
  readonly status: ProcessState["kind"];
  readonly pid: number | undefined;
  start(timeoutMs?: number): Promise<void>;
  stop(graceMs?: number): Promise<void>;
  /** A crash (SIGKILL) for a process; a hosted shard cannot crash alone and stops as `stop` does. */
  kill(): Promise<void>;
}

interface ControlAnswer {
  id: number;
  ok: boolean;
  error?: string;
}

/** Sends one control message to a host and waits for its answer. */
function control(child: ChildProcess, op: "stop" | "start", code: string, timeoutMs: number): Promise<void> {
  const id = randomInt(2 ** 47);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`shard host did not answer ${op} ${code} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ControlAnswer) => {
      if (message?.id !== id) return;
      finish(message.ok ? undefined : new Error(`shard host could not ${op} province ${code}: ${message.error}`));
    };
    const onExit = () => finish(new Error(`shard host exited during ${op} ${code}`));
    function finish(err?: Error) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ id, op, code });
  });
}

export class HostedShard implements ServiceHandle {
  private stopped = false;

  constructor(
    readonly name: string,
    readonly code: string,
    readonly host: ManagedProcess,
  ) {}

  /** This province's health URL, at the port its host reported for it. */
  private get healthUrl(): string {
    const port = this.host.ports?.[this.code];
    if (!port) throw new Error(`${this.name}: its shard host reported no port for it`);
    return `http://127.0.0.1:${port}/healthz`;
  }

  get status(): ProcessState["kind"] {
    const host = this.host.status;
    if (host !== "running") return host;
    return this.stopped ? "stopped" : "running";
  }

  get pid(): number | undefined {
    return this.status === "running" ? this.host.pid : undefined;
  }

  /** Starts this province's shard again in its (running) host; resolves once it answers health. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = this.host.child;
    if (!child || this.host.status !== "running") throw new Error(`${this.name}: its shard host is not running`);
    if (!this.stopped) return;
    await control(child, "start", this.code, timeoutMs);
    await waitHealthy(this.healthUrl, timeoutMs, this.name, child.pid);
    this.stopped = false;
  }

  /** Stops this province's shard only (it finishes its relay and sweeper batch, as a SIGTERM would). */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.host.child;
    if (!child || this.host.status !== "running" || this.stopped) return;
    await control(child, "stop", this.code, graceMs + 5_000);
    this.stopped = true;
  }

  kill(): Promise<void> {
    return this.stop();
  }
}
