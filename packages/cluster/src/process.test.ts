import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort } from "./ports";
import { ManagedProcess } from "./process";

const entry = fileURLToPath(new URL("../test/fixture-service.ts", import.meta.url));

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
});
