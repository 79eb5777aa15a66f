/**
 * One service as a real child process: `node <entry>.mjs` (compiled ahead, build.ts) or
 * `node --import tsx <entry>.ts`, with its configuration in the
 * environment, its output to a log file (and optionally to a line callback), a health URL to wait on,
 * and a stop that sends SIGTERM (graceful shutdown) and SIGKILL only after a grace period. A child
 * whose launcher dies without stopping it stops itself (`exit-with-parent.ts`).
 * Stop/start again are what the simulator's fault injection uses ("stop a province, restart it").
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { isReadyMessage } from "@jg/service-kit/ready-message";
import { entryPath } from "./build";

export interface ServiceSpec {
  /** Short name, e.g. "gateway", "chongqing", "province-51". */
  name: string;
  /** Absolute path of the entry: compiled JavaScript (`.mjs`, run by node) or TypeScript (run through tsx). */
  entry: string;
  /** Extra node options before the entry (e.g. V8 flags). */
  nodeArgs?: string[];
  /** Open an IPC channel to the child (a shard host's control messages). */
  ipc?: boolean;
  /** Environment of the child on top of the parent's. */
  env: Record<string, string>;
  /**
   * URL answering 200 once the service is up, e.g. http://127.0.0.1:4051/healthz; or, for a child that
   * reports its ports (`reportsPorts`), that URL made from the ports it reported.
   */
  healthUrl: string | ((ports: Record<string, number>) => string);
  /**
   * The child binds port 0 and reports the ports it got in its ready message (@jg/service-kit's
   * ready-message.ts, over IPC): `start` waits for that message, then for health. Implies `ipc`.
   */
  reportsPorts?: boolean;
  /**
   * Called with the reported ports (each start); what it returns is merged into `env` for later
   * starts, so a restarted service binds the ports it had (the gateway knows its URLs).
   */
  onReady?: (ports: Record<string, number>) => Record<string, string> | void;
  /** Where the child's stdout and stderr go; default: inherited nowhere (discarded). */
  logFile?: string;
  /** Working directory; default the current one. */
  cwd?: string;
  /** Called with each output line (e.g. to echo warnings). */
  onLine?: (line: string) => void;
}

export type ProcessState =
  | { kind: "stopped" }
  | { kind: "starting"; child: ChildProcess }
  | { kind: "running"; child: ChildProcess }
  | { kind: "exited"; code: number | null; signal: NodeJS.Signals | null };

const tsxLoader = import.meta.resolve("tsx");
const exitWithParentTs = new URL("./exit-with-parent.ts", import.meta.url).href;
const exitWithParentJs = pathToFileURL(entryPath("exit-with-parent", "compiled")).href;
const profileOnSignalTs = new URL("./profile-on-signal.ts", import.meta.url).href;
const profileOnSignalJs = pathToFileURL(entryPath("profile-on-signal", "compiled")).href;

/** The node arguments that run `entry`: compiled JavaScript directly, TypeScript through tsx.
 * JG_CPU_PROF_WINDOW_DIR: SIGUSR2 starts and stops a profile of a window (see profile-on-signal.ts). */
function nodeArgsFor(entry: string): string[] {
  const ts = entry.endsWith(".ts");
  const window = process.env["JG_CPU_PROF_WINDOW_DIR"] ? ["--import", ts ? profileOnSignalTs : profileOnSignalJs] : [];
  return ts ? ["--import", tsxLoader, "--import", exitWithParentTs, ...window, entry] : ["--import", exitWithParentJs, ...window, entry];
}

export class ManagedProcess {
  private state: ProcessState = { kind: "stopped" };
  private log: WriteStream | undefined;
  private reported: Record<string, number> | undefined;

  constructor(readonly spec: ServiceSpec) {}

  /** The ports the child reported in its last ready message (`reportsPorts`), by label. */
  get ports(): Record<string, number> | undefined {
    return this.reported;
  }

  get status(): ProcessState["kind"] {
    return this.state.kind;
  }

  get pid(): number | undefined {
    return this.state.kind === "running" || this.state.kind === "starting" ? this.state.child.pid : undefined;
  }

  /** Starts the child and resolves when its health URL answers 200 (or rejects on exit/timeout). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.state.kind === "running" || this.state.kind === "starting") return;
    if (this.spec.logFile) {
      mkdirSync(dirname(this.spec.logFile), { recursive: true });
      this.log = createWriteStream(this.spec.logFile, { flags: "a" });
    }
    // JG_CPU_PROF_DIR (of the launcher's environment) writes a V8 CPU profile of every service on exit,
    // for profiling a benchmark run (--cpu-prof is not accepted in NODE_OPTIONS).
    const profile = process.env["JG_CPU_PROF_DIR"] ? ["--cpu-prof", `--cpu-prof-dir=${process.env["JG_CPU_PROF_DIR"]}`] : [];
    const child = spawn(process.execPath, [...profile, ...(this.spec.nodeArgs ?? []), ...nodeArgsFor(this.spec.entry)], {
      cwd: this.spec.cwd,
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: "1", JG_SERVICE_NAME: this.spec.name, ...this.spec.env },
      stdio: ["ignore", "pipe", "pipe", ...(this.spec.ipc || this.spec.reportsPorts ? (["ipc"] as const) : [])],
    });
    this.state = { kind: "starting", child };
    for (const stream of [child.stdout!, child.stderr!]) {
      const lines = createInterface({ input: stream });
      lines.on("line", (line) => {
        this.log?.write(`${line}\n`);
        this.spec.onLine?.(line);
      });
    }
    const exited = new Promise<never>((_, reject) => {
      child.once("exit", (code, signal) => {
        this.state = { kind: "exited", code, signal };
        this.log?.end();
        reject(new Error(`${this.spec.name} exited during start (code ${code}, signal ${signal})${this.spec.logFile ? `; see ${this.spec.logFile}` : ""}`));
      });
    });
    exited.catch(() => {});
    const startedAt = Date.now();
    let healthUrl = this.spec.healthUrl;
    if (this.spec.reportsPorts) {
      const ports = await Promise.race([readyPorts(child, timeoutMs, this.spec.name), exited]);
      this.reported = ports;
      const env = this.spec.onReady?.(ports);
      if (env) Object.assign(this.spec.env, env);
      if (typeof healthUrl === "function") healthUrl = healthUrl(ports);
    }
    if (typeof healthUrl === "function") throw new Error(`${this.spec.name}: a health URL made from ports needs reportsPorts`);
    await Promise.race([waitHealthy(healthUrl, Math.max(1_000, timeoutMs - (Date.now() - startedAt)), this.spec.name, child.pid), exited]);
    if (this.state.kind === "starting") this.state = { kind: "running", child };
  }

  /** The running child (for a shard host's control channel). */
  get child(): ChildProcess | undefined {
    return this.state.kind === "running" || this.state.kind === "starting" ? this.state.child : undefined;
  }

  /** Sends SIGTERM, waits up to `graceMs` for a clean exit, then SIGKILL. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.state.kind !== "running" && this.state.kind !== "starting") return;
    const child = this.state.child;
    const done = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
    });
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await done;
    clearTimeout(timer);
    this.state = { kind: "stopped" };
  }

  /** Kills the child at once (SIGKILL): a crash, for fault injection. */
  async kill(): Promise<void> {
    if (this.state.kind !== "running" && this.state.kind !== "starting") return;
    const child = this.state.child;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await done;
    this.state = { kind: "stopped" };
  }
}

/** Waits for the child's ready message (its ports). */
function readyPorts(child: ChildProcess, timeoutMs: number, name: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error(`${name} sent no ready message within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(message.ports);
    };
    child.on("message", onMessage);
    // A child that exits first fails the start elsewhere (`exited`): nothing here may keep the launcher alive.
    child.once("exit", () => {
      clearTimeout(timer);
      child.off("message", onMessage);
    });
  });
}

/**
 * Polls a URL until it answers 200. With `pid`, a health answer naming another process
 * (`{"pid": n}`, as every service's /healthz gives) does not count: the port is held by someone else
 * (a process of another system on this machine, an orphan), and the child will fail to bind it.
 */
export async function waitHealthy(url: string, timeoutMs: number, name = url, pid?: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      const answeredBy = pidOf(body);
      if (res.status === 200 && (pid === undefined || answeredBy === undefined || answeredBy === pid)) return;
      last = res.status === 200 ? `answered by another process (pid ${answeredBy})` : `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} not healthy after ${timeoutMs} ms (${last})`);
}

/** The `pid` of a JSON health answer, if it names one. */
function pidOf(body: string): number | undefined {
  try {
    const pid = (JSON.parse(body) as { pid?: unknown }).pid;
    return typeof pid === "number" ? pid : undefined;
  } catch {
    return undefined;
  }
}
