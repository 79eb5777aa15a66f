import { execFileSync, spawn } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ManagedProcess } from "./process";

const entry = fileURLToPath(new URL("../test/fixture-service.ts", import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("ManagedProcess", () => {
  it("starts a real child on port 0, learns its port from the ready message, stops it gracefully and starts it again on that port", async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), "jg-cluster-")), "svc.log");
    const svc = new ManagedProcess({
      name: "fixture",
      entry,
      env: { PORT: "0" },
      reportsPorts: true,
      healthUrl: (ports) => `http://127.0.0.1:${ports["main"]}/healthz`,
      onReady: (ports) => ({ PORT: String(ports["main"]) }),
      logFile,
    });
    await svc.start(20_000);
    expect(svc.status).toBe("running");
    const port = svc.ports!["main"]!;
    expect(port).toBeGreaterThan(0);
    expect(svc.spec.env["PORT"]).toBe(String(port));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    await svc.stop();
    expect(svc.status).toBe("stopped");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await svc.start(20_000);
    expect(svc.ports).toEqual({ main: port });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    await svc.kill();
    expect(readFileSync(logFile, "utf8").match(/graceful/g)).toHaveLength(1);
  });

  it("rejects the start of a child that exits before it is healthy", async () => {
    const svc = new ManagedProcess({ name: "broken", entry: "/nonexistent/entry.ts", env: {}, reportsPorts: true, healthUrl: (ports) => `http://127.0.0.1:${ports["main"]}/healthz` });
    await expect(svc.start(20_000)).rejects.toThrow(/broken exited during start/);
  });

  it("does not take another process answering health on the child's port for the child", async () => {
    // An impostor holds the port (another system on this machine, say) and answers health with its pid.
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, pid: process.pid }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
    const port = (impostor.address() as AddressInfo).port;
    try {
      const svc = new ManagedProcess({ name: "fixture", entry, env: { PORT: String(port) }, healthUrl: `http://127.0.0.1:${port}/healthz` });
      // The child cannot bind the port and exits; before it does, the impostor's 200 must not count.
      await expect(svc.start(20_000)).rejects.toThrow(/fixture exited during start/);
      expect(svc.status).toBe("exited");
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  });

  it("a child stops itself when its launcher is killed with SIGKILL (no orphan keeps the port)", async () => {
    // The grandchild holds this FIFO open for writing (fixture-service.ts): end of file here is its death.
    const lifeline = join(mkdtempSync(join(tmpdir(), "jg-lifeline-")), "lifeline");
    execFileSync("mkfifo", [lifeline]);
    const died = new Promise<void>((resolve, reject) => {
      const reader = createReadStream(lifeline);
      reader.on("data", () => {});
      reader.once("end", resolve);
      reader.once("error", reject);
    });
    const launcher = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("../test/fixture-launcher.ts", import.meta.url))], {
      env: { ...process.env, FIXTURE_LIFELINE: lifeline },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [childPid, port] = await new Promise<[number, number]>((resolve, reject) => {
      launcher.stdout.on("data", (chunk: Buffer) => {
        const match = /child (\d+) port (\d+)/.exec(chunk.toString());
        if (match) resolve([Number(match[1]), Number(match[2])]);
      });
      launcher.once("exit", (code) => reject(new Error(`launcher exited early (${code})`)));
    });
    expect(alive(childPid)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    launcher.kill("SIGKILL");
    // Never ends while the child lives: the test's timeout fails it.
    await died;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 40_000);
});
