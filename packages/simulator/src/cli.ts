/**
 * `pnpm sim …`: the multi-province federation simulator (issue #6).
 *
 *   pnpm sim list
 *   pnpm sim run <scenario|all> [--provinces 51,52] [--seed N] [--postgres URL] [--delay-ms N] [--logs DIR] [--json out.json]
 *   pnpm sim load [--citizens K] [--duration 30s] [--population N] [--provinces …] [--seed N] [--postgres URL] [--json out.json]
 *
 * Defaults: provinces 51,52; seed 12123; PGlite in a temporary folder; citizens 8; duration 30 s;
 * population: the demo one (24 citizens, the cast); `--population N` a load population of N citizens.
 * Exit code 0 when every expectation and invariant held, 1 otherwise, 2 on a usage error.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isProvinceCode } from "@jg/provinces";
import { formatReport, type RunReport } from "./report";
import { runLoadReport, runScenarios } from "./runner";
import { scenarioNamed, scenarios } from "./scenarios";
import type { SimulationOptions } from "./sim";

process.env.APOLLO_TELEMETRY_DISABLED = "1";

const USAGE = "usage: pnpm sim list | run <scenario|all> [--provinces 51,52] [--seed N] [--postgres URL] [--delay-ms N] [--logs DIR] [--json FILE] | load [--citizens K] [--duration 30s] [--population N] [...]";

/** "30s", "2m", "1500ms" or a number of seconds → ms. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`bad duration ${text}`);
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    provinces: { type: "string", default: "51,52" },
    seed: { type: "string", default: "12123" },
    postgres: { type: "string" },
    "delay-ms": { type: "string" },
    logs: { type: "string" },
    json: { type: "string" },
    citizens: { type: "string", default: "8" },
    duration: { type: "string", default: "30s" },
    population: { type: "string" },
  },
});

const provinceList = values.provinces.split(",").map((p) => p.trim()).filter((p) => p && p !== "50");
for (const p of provinceList) if (!isProvinceCode(p)) fail(`unknown province code ${p}`);
const options: SimulationOptions = {
  provinces: provinceList,
  seed: Number(values.seed),
  ...(values.postgres ? { postgresAdminUrl: values.postgres } : {}),
  ...(values["delay-ms"] ? { deliveryDelayMs: Number(values["delay-ms"]) } : {}),
  ...(values.logs ? { logDir: values.logs } : {}),
  ...(values.population ? { populationCitizens: Number(values.population) } : {}),
};
if (options.populationCitizens !== undefined && !(Number.isInteger(options.populationCitizens) && options.populationCitizens >= 1)) fail("--population must be a positive integer");
if (!Number.isInteger(options.seed)) fail("--seed must be an integer");

async function main(): Promise<number> {
  const [command, target] = positionals;
  let reports: RunReport[];
  if (command === "list") {
    for (const s of scenarios) console.log(`${s.name.padEnd(18)} [${s.rules.join(" ")}] ${s.description}`);
    return 0;
  } else if (command === "run") {
    const list = target === "all" ? scenarios : [scenarioNamed(target ?? "") ?? fail(`unknown scenario ${target ?? "(none)"}`)];
    console.error(`Starting Chongqing + ${provinceList.join(", ")} and the gateway …`);
    reports = await runScenarios(list, options, (r) => console.error(`${r.ok ? "✔" : "✘"} ${r.name}`));
  } else if (command === "load") {
    const citizens = Number(values.citizens);
    if (!Number.isInteger(citizens) || citizens < 1) fail("--citizens must be a positive integer");
    console.error(`Starting Chongqing + ${provinceList.join(", ")} and the gateway …`);
    reports = [await runLoadReport(options, { citizens, durationMs: parseDuration(values.duration) })];
  } else {
    return fail(`unknown command ${command ?? "(none)"}`);
  }
  for (const r of reports) console.log(formatReport(r));
  if (values.json) writeFileSync(values.json, JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  return reports.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
