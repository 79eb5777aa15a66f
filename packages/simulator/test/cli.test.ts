/**
 * The command line (`pnpm sim`): parsing is a pure function over the arguments; bad input is a usage
 * error that the CLI prints with the usage and exits 2 for, before anything starts.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCommandLine, parseDuration, UsageError } from "../src/cli-args";
import { scenarios } from "../src/scenarios";

const parse = (...argv: string[]) => parseCommandLine(argv, scenarios);
const usageError = (argv: string[]) => {
  try {
    parse(...argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
};

describe("sim command line", () => {
  it("parses run with its defaults, provinces, seed and JSON output", () => {
    expect(parse("list")).toEqual({ kind: "list" });
    const every = parse("run", "out-of-province", "--provinces", "all");
    expect(every.kind === "run" && every.options.provinces).toHaveLength(30);
    expect(every.kind === "run" && every.options.provinces).not.toContain("50");
    const run = parse("run", "race-past-12", "--provinces", "44,61,50", "--seed", "7", "--json", "out.json");
    expect(run).toMatchObject({ kind: "run", json: "out.json", options: { provinces: ["44", "61"], seed: 7 } });
    expect(run.kind === "run" && run.scenarios.map((s) => s.name)).toEqual(["race-past-12"]);
    const all = parse("run", "all");
    expect(all.kind === "run" && all.scenarios.length).toBe(scenarios.length);
    expect(all.kind === "run" && all.options).toEqual({ provinces: ["51", "52"], seed: 12123 });
  });

  it("parses load with citizens, duration, population and the gateway's shard timeout", () => {
    expect(parse("load", "--citizens", "3", "--duration", "2m", "--population", "200", "--shard-timeout-ms", "1500")).toEqual({
      kind: "load",
      load: { citizens: 3, durationMs: 120_000 },
      options: { provinces: ["51", "52"], seed: 12123, populationCitizens: 200, shardTimeoutMs: 1500 },
    });
    expect([parseDuration("1500ms"), parseDuration("30s"), parseDuration("45")]).toEqual([1500, 30_000, 45_000]);
  });

  it("parses --html FILE for run and load (issue 16: the report as one HTML file)", () => {
    expect(parse("run", "revert-2h", "--html", "report.html")).toMatchObject({ kind: "run", html: "report.html" });
    expect(parse("load", "--duration", "5s", "--html", "load.html", "--json", "load.json")).toMatchObject({ kind: "load", html: "load.html", json: "load.json" });
    expect(parse("run", "revert-2h")).not.toHaveProperty("html");
  });

  it("parses the process layout (issue 12): --layout host|process and --shard-hosts N", () => {
    const load = parse("load", "--layout", "process");
    expect(load.kind === "load" && load.options.layout).toBe("process");
    const hosted = parse("run", "all", "--layout", "host", "--shard-hosts", "3");
    expect(hosted.kind === "run" && hosted.options).toMatchObject({ layout: "host", shardHosts: 3 });
    expect(usageError(["load", "--layout", "threads"])).toMatch(/--layout must be host or process/);
    expect(usageError(["load", "--shard-hosts", "0"])).toMatch(/--shard-hosts/);
  });

  it("parses faults: --slow CODE:MS (or a duration) and --drop CODE:N[:acks], repeatable, 50 included", () => {
    const run = parse("run", "out-of-province", "--slow", "51:3000", "--slow", "50:2s", "--drop", "52:5", "--drop", "51:2:acks");
    expect(run.kind === "run" && run.options.faults).toEqual([
      { province: "51", latencyMs: 3000 },
      { province: "50", latencyMs: 2000 },
      { province: "52", dropHandoff: 5 },
      { province: "51", dropAcks: 2 },
    ]);
  });

  it("refuses bad input with a message saying what is wrong", () => {
    expect(usageError(["run", "no-such-scenario"])).toMatch(/unknown scenario no-such-scenario/);
    expect(usageError(["run"])).toMatch(/scenario name or all/);
    expect(usageError(["fly"])).toMatch(/unknown command fly/);
    expect(usageError([])).toMatch(/unknown command \(none\)/);
    expect(usageError(["run", "all", "--provinces", "51,99"])).toMatch(/unknown province code 99/);
    expect(usageError(["run", "race-past-12", "--provinces", "51"])).toMatch(/needs 2 provinces/);
    expect(usageError(["run", "all", "--slow", "51"])).toMatch(/bad --slow "51"/);
    expect(usageError(["run", "all", "--slow", "51:fast"])).toMatch(/bad --slow/);
    expect(usageError(["run", "all", "--slow", "44:3000"])).toMatch(/province 44 is not simulated/);
    expect(usageError(["run", "all", "--slow", "99:3000"])).toMatch(/unknown province code 99/);
    expect(usageError(["run", "all", "--drop", "52:-1"])).toMatch(/bad --drop/);
    expect(usageError(["run", "all", "--drop", "52:0"])).toMatch(/--drop count must be an integer ≥ 1/);
    expect(usageError(["run", "all", "--drop", "52:3:answers"])).toMatch(/bad --drop/);
    expect(usageError(["run", "all", "--seed", "x"])).toMatch(/--seed must be an integer/);
    expect(usageError(["run", "all", "--delay-ms=-5"])).toMatch(/--delay-ms must be an integer ≥ 0/);
    expect(usageError(["load", "--citizens", "0"])).toMatch(/--citizens must be an integer ≥ 1/);
    expect(usageError(["load", "--duration", "soon"])).toMatch(/bad duration "soon"/);
    expect(usageError(["load", "extra"])).toMatch(/unexpected argument extra/);
    expect(usageError(["run", "all", "--fast"])).toMatch(/--fast/);
  });

  // The package's bin (`jg-sim`), the file `pnpm sim` runs, as a user runs it: plain node, no loader flag.
  const bin = fileURLToPath(new URL("../bin/jg-sim.mjs", import.meta.url));

  it("the bin lists every shipped scenario with its rules", () => {
    const r = spawnSync(process.execPath, [bin, "list"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    const names = r.stdout.trim().split("\n").map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(scenarios.map((s) => s.name));
  }, 60_000);

  it("the CLI exits with code 2 and the usage on a usage error, starting nothing", () => {
    for (const args of [["run", "no-such-scenario"], ["run", "all", "--slow", "51-3000"], ["run", "all", "--provinces", "51,77"]]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/usage: pnpm sim/);
      expect(r.stderr).not.toMatch(/Starting/);
    }
  }, 120_000);
});
