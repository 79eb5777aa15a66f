import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { WINDOW_CASES } from "./window.cases";

/**
 * R-MNT-1 must not depend on the server's time zone. Changing `process.env.TZ` inside a running process
 * is not reliable (V8 caches the zone), so each zone gets its own Node process (with tsx to load the
 * TypeScript source) that evaluates the same cases; its answers must equal the expected ones.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const windowModule = new URL("./window.ts", import.meta.url).href;
const casesModule = new URL("./window.cases.ts", import.meta.url).href;

const script = `
const { inMaintenanceWindow } = await import(${JSON.stringify(windowModule)});
const { WINDOW_CASES } = await import(${JSON.stringify(casesModule)});
const offset = new Date("2024-03-05T12:00:00Z").getTimezoneOffset();
const answers = WINDOW_CASES.map((c) => inMaintenanceWindow(new Date(c.at)));
process.stdout.write(JSON.stringify({ offset, answers }));
`;

function runIn(timeZone: string): { offset: number; answers: boolean[] } {
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repoRoot,
    env: { ...process.env, TZ: timeZone },
    encoding: "utf8",
  });
  return JSON.parse(output) as { offset: number; answers: boolean[] };
}

describe("maintenance window in other server time zones", () => {
  it.each([
    { zone: "America/New_York", offset: 300 },
    { zone: "Asia/Kolkata", offset: -330 },
    { zone: "UTC", offset: 0 },
  ])("R-MNT-1 gives the same answers with the process running in $zone", ({ zone, offset }) => {
    const result = runIn(zone);
    // The child really ran in that zone (otherwise the test would prove nothing).
    expect(result.offset).toBe(offset);
    expect(result.answers).toEqual(WINDOW_CASES.map((c) => c.inside));
  });
});
