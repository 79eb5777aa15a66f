import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort } from "./ports";
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
  it("starts a real child, waits for health, stops it gracefully and can start it again", async () => {
    const port = await freePort();
    const logFile = join(mkdtempSync(join(tmpdir(), "jg-cluster-")), "svc.log");
    const svc = new ManagedProcess({ name: "fixture", entry, env: { PORT: String(port) }, healthUrl: `http://127.0.0.1:${port}/healthz`, logFile });
    await svc.start(20_000);
    expect(svc.status).toBe("running");
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    await svc.stop();
    expect(svc.status).toBe("stopped");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await svc.start(20_000);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    await svc.kill();
    expect(readFileSync(logFile, "utf8").match(/graceful/g)).toHaveLength(1);
  });

  it("rejects the start of a child that exits before it is healthy", async () => {
    const port = await freePort();
    const svc = new ManagedProcess({ name: "broken", entry: "/nonexistent/entry.ts", env: {}, healthUrl: `http://127.0.0.1:${port}/healthz` });
    await expect(svc.start(20_000)).rejects.toThrow(/broken exited during start/);
  });

  it("does not take another process answering health on the child's port for the child", async () => {
    const port = await freePort();
    // An impostor holds the port (another system on this machine, say) and answers health with its pid.
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, pid: process.pid }));
    });
    await new Promise<void>((resolve) => impostor.listen(port, "127.0.0.1", resolve));
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
    const port = await freePort();
    const launcher = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("../test/fixture-launcher.ts", import.meta.url))], {
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const childPid = await new Promise<number>((resolve, reject) => {
      launcher.stdout.on("data", (chunk: Buffer) => {
        const match = /child (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      launcher.once("exit", (code) => reject(new Error(`launcher exited early (${code})`)));
    });
    expect(alive(childPid)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    launcher.kill("SIGKILL");
    const deadline = Date.now() + 15_000;
    while (alive(childPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(alive(childPid)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 40_000);
});
