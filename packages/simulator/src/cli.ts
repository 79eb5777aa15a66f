/**
 * `pnpm sim …`: the multi-province federation simulator (issue #6).
 *
 *   pnpm sim list
 *   pnpm sim run <scenario|all> [--provinces 51,52] [--seed N] [--postgres URL] [--delay-ms N] [--logs DIR] [--json out.json] [--html report.html]
 *                               [--slow CODE:MS] [--drop CODE:N[:acks]] [--shard-timeout-ms N]
 *   pnpm sim load [--citizens K] [--duration 30s] [--population N] [--provinces …] [--seed N] [--postgres URL] [--json out.json] [--html report.html] [faults]
 *
 * Defaults: provinces 51,52; seed 12123; PGlite in a temporary folder; citizens 8; duration 30 s;
 * population: `run` the demo one (24 citizens, the cast); `load` a load population sized to last the
 * duration (`loadPopulationCitizens`), or of N citizens with `--population N`.
 * Faults (`--slow`, `--drop`) are set once the system is seeded. Argument parsing is `cli-args.ts`.
 * Exit code 0 when every expectation and invariant held, 1 otherwise, 2 on a usage error.
 */
import { writeFileSync } from "node:fs";
import { parseCommandLine, USAGE, UsageError, type Command } from "./cli-args";
import { writeHtmlReport } from "./html-report";
import { formatReport, type RunReport } from "./report";
import { runLoadReport, runScenarios } from "./runner";
import { scenarios } from "./scenarios";

process.env.APOLLO_TELEMETRY_DISABLED = "1";

function describeFaults(command: Exclude<Command, { kind: "list" }>): string {
  const faults = command.options.faults ?? [];
  return faults.length === 0 ? "" : ` (faults: ${faults.map(({ province, ...f }) => `${province} ${JSON.stringify(f)}`).join(", ")})`;
}

async function main(command: Command): Promise<number> {
  if (command.kind === "list") {
    for (const s of scenarios) console.log(`${s.name.padEnd(18)} [${s.rules.join(" ")}] ${s.description}`);
    return 0;
  }
  console.error(`Starting Chongqing + ${command.options.provinces.join(", ")} and the gateway …${describeFaults(command)}`);
  const reports: RunReport[] =
    command.kind === "run"
      ? await runScenarios(command.scenarios, command.options, (r) => console.error(`${r.ok ? "✔" : "✘"} ${r.name}`))
      : [await runLoadReport(command.options, command.load)];
  for (const r of reports) console.log(formatReport(r));
  if (command.json) writeFileSync(command.json, JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  if (command.html) {
    await writeHtmlReport(command.html, reports);
    console.error(`HTML report: ${command.html}`);
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}

let command: Command;
try {
  command = parseCommandLine(process.argv.slice(2), scenarios);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
main(command).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
