/**
 * The command line of `pnpm sim`, parsed without side effects: arguments → a command to run, or a
 * usage error (the CLI prints it with the usage and exits with code 2).
 */
import { parseArgs } from "node:util";
import { isProvinceCode, PROVINCES, HOME_PROVINCE_CODE } from "@jg/provinces";
import type { LoadOptions } from "./load";
import type { Scenario } from "./scenario";
import type { ProvinceFault, SimulationOptions } from "./sim";

export const USAGE = `usage: pnpm sim list
       pnpm sim run <scenario|all> [options]
       pnpm sim load [--citizens K] [--duration 30s] [--population N (default: sized to the duration)] [options]
options: --provinces 51,52|all  --seed N  --postgres URL  --delay-ms N  --logs DIR  --json FILE  --html FILE
         --slow CODE:MS (e.g. 51:4000 or 51:4s; repeatable)  --drop CODE:N[:acks] (e.g. 52:5; repeatable)
         --shard-timeout-ms N (the gateway's per-shard timeout)
         --layout host|process (provinces in shard hosts, default, or a process each; LAYOUT sets the default)
         --shard-hosts N (processes of the host layout; default one per two cores, at least one)`;

export type Command =
  | { kind: "list" }
  | { kind: "run"; scenarios: Scenario[]; options: SimulationOptions; json?: string; html?: string }
  | { kind: "load"; load: Pick<LoadOptions, "citizens" | "durationMs">; options: SimulationOptions; json?: string; html?: string };

/** A usage error: what was wrong, for the user. */
export class UsageError extends Error {}

/** "30s", "2m", "1500ms" or a number of seconds → ms. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new UsageError(`bad duration ${JSON.stringify(text)} (expected e.g. 30s, 2m, 1500ms)`);
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000;
}

function integer(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return n;
}

/** `--slow 51:4000` (ms) or `51:4s` → a latency fault of a province of the simulation. */
function parseSlow(text: string, provinces: string[]): ProvinceFault {
  const m = /^(\d{2}):(\d+(?:ms|s|m)?)$/.exec(text.trim());
  if (!m) throw new UsageError(`bad --slow ${JSON.stringify(text)} (expected CODE:MS, e.g. 51:4000 or 51:4s)`);
  const province = simulated(m[1]!, provinces, "--slow");
  const latencyMs = /^\d+$/.test(m[2]!) ? Number(m[2]) : parseDuration(m[2]!);
  if (latencyMs > 600_000) throw new UsageError(`--slow ${text}: at most 10 minutes`);
  return { province, latencyMs };
}

/** `--drop 52:5` (messages lost on the way) or `52:5:acks` (acknowledgements lost) → a loss fault. */
function parseDrop(text: string, provinces: string[]): ProvinceFault {
  const m = /^(\d{2}):(\d+)(?::(acks|messages))?$/.exec(text.trim());
  if (!m) throw new UsageError(`bad --drop ${JSON.stringify(text)} (expected CODE:N or CODE:N:acks, e.g. 52:5)`);
  const province = simulated(m[1]!, provinces, "--drop");
  const n = integer("--drop count", m[2]!, 1);
  return m[3] === "acks" ? { province, dropAcks: n } : { province, dropHandoff: n };
}

function layoutOf(text: string): "host" | "process" {
  if (text === "host" || text === "process") return text;
  throw new UsageError(`--layout must be host or process, got ${JSON.stringify(text)}`);
}

function simulated(code: string, provinces: string[], flag: string): string {
  if (!isProvinceCode(code)) throw new UsageError(`${flag}: unknown province code ${code}`);
  if (code !== HOME_PROVINCE_CODE && !provinces.includes(code)) throw new UsageError(`${flag}: province ${code} is not simulated (--provinces ${provinces.join(",")})`);
  return code;
}

/** Parses `argv` (without node and the script); throws {@link UsageError} on bad input. */
export function parseCommandLine(argv: string[], known: Scenario[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { positionals, values } = parsed;
  const [command, target, ...extra] = positionals;
  if (command === "list") return { kind: "list" };
  if (command !== "run" && command !== "load") throw new UsageError(`unknown command ${command ?? "(none)"}`);
  const extraArgs = command === "run" ? extra : [target, ...extra].filter((x) => x !== undefined);
  if (extraArgs.length > 0) throw new UsageError(`unexpected argument ${extraArgs[0]}`);

  // "all": the 30 other provinces of the catalogue (Chongqing always runs).
  const asked = values.provinces.trim() === "all" ? PROVINCES.map((p) => p.code) : values.provinces.split(",");
  const provinces = asked.map((p) => p.trim()).filter((p) => p && p !== HOME_PROVINCE_CODE);
  for (const p of provinces) if (!isProvinceCode(p)) throw new UsageError(`unknown province code ${p}`);
  const faults = [...(values.slow ?? []).map((s) => parseSlow(s, provinces)), ...(values.drop ?? []).map((s) => parseDrop(s, provinces))];
  const options: SimulationOptions = {
    provinces: [...new Set(provinces)],
    seed: integer("--seed", values.seed, 0),
    ...(values.postgres ? { postgresAdminUrl: values.postgres } : {}),
    ...(values["delay-ms"] !== undefined ? { deliveryDelayMs: integer("--delay-ms", values["delay-ms"], 0) } : {}),
    ...(values.logs ? { logDir: values.logs } : {}),
    ...(values.population !== undefined ? { populationCitizens: integer("--population", values.population, 1) } : {}),
    ...(values["shard-timeout-ms"] !== undefined ? { shardTimeoutMs: integer("--shard-timeout-ms", values["shard-timeout-ms"], 1) } : {}),
    ...(faults.length > 0 ? { faults } : {}),
    ...(values.layout !== undefined ? { layout: layoutOf(values.layout) } : {}),
    ...(values["shard-hosts"] !== undefined ? { shardHosts: integer("--shard-hosts", values["shard-hosts"], 1) } : {}),
  };
  const json = { ...(values.json ? { json: values.json } : {}), ...(values.html ? { html: values.html } : {}) };

  if (command === "run") {
    if (!target) throw new UsageError("run needs a scenario name or all");
    const named = known.find((s) => s.name === target);
    if (target !== "all" && !named) throw new UsageError(`unknown scenario ${target} (pnpm sim list shows them)`);
    const list = target === "all" ? known : [named!];
    const needed = Math.max(...list.map((s) => s.provincesNeeded));
    if (provinces.length < needed) throw new UsageError(`${target} needs ${needed} provinces besides 50 (--provinces)`);
    return { kind: "run", scenarios: list, options, ...json };
  }
  return {
    kind: "load",
    load: { citizens: integer("--citizens", values.citizens, 1), durationMs: parseDuration(values.duration) },
    options,
    ...json,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      provinces: { type: "string", default: "51,52" },
      seed: { type: "string", default: "12123" },
      postgres: { type: "string" },
      "delay-ms": { type: "string" },
      logs: { type: "string" },
      json: { type: "string" },
      html: { type: "string" },
      citizens: { type: "string", default: "8" },
      duration: { type: "string", default: "30s" },
      population: { type: "string" },
      slow: { type: "string", multiple: true },
      drop: { type: "string", multiple: true },
      "shard-timeout-ms": { type: "string" },
      layout: { type: "string" },
      "shard-hosts": { type: "string" },
    },
  });
}
