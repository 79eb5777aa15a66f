/**
 * Where a load journey's CPU goes (issue 12), on demand, never a test: starts a simulation as
 * `pnpm sim load` does, then runs journeys one operation at a time (nothing else in flight) and reads
 * every process's on-CPU time (/proc) around each operation: the camera's recordViolation, the tick of
 * that province (its relay delivers the handoff now; the load ticks only when a listing came before the
 * handoff, src/load.ts), the violations awaiting handling (R-OPS-1), handleViolation, payFine. What
 * the processes use at rest (relay polls) is measured first and taken off each operation's share, by
 * its wall time. Prints CPU ms per operation by process and per journey.
 *
 *   npx tsx packages/simulator/scripts/journey-cpu.ts [--provinces 51,52,44,42,43,61|all] [--journeys 20] [--population 300]
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { cpuWindow, servicePids } from "@jg/cluster";
import { PROVINCES, HOME_PROVINCE_CODE } from "@jg/provinces";
import { DRIVER_MAX_POINTS } from "../src/load";
import { AWAITING_HANDLING, citizen, freshViolation, handle, journeyDrivers, mine, pay } from "../src/scenarios/citizen";
import { Simulation } from "../src/sim";

const { values } = parseArgs({
  options: { provinces: { type: "string", default: "51,52,44,42,43,61" }, journeys: { type: "string", default: "20" }, population: { type: "string", default: "300" } },
});
const provinces = values.provinces === "all" ? PROVINCES.map((p) => p.code).filter((c) => c !== HOME_PROVINCE_CODE) : values.provinces.split(",");
const journeys = Number(values.journeys);

process.env.APOLLO_TELEMETRY_DISABLED = "1";
const sim = await Simulation.start({ provinces, populationCitizens: Number(values.population), shardTimeoutMs: 10_000 });
try {
  const pids = new Map<string, number>([["simulator", process.pid], ...servicePids(sim.system)]);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

  // At rest: CPU ms per real ms of each process.
  const idleMs = 5000;
  const idle = cpuWindow(pids);
  await new Promise((r) => setTimeout(r, idleMs));
  const rest = Object.fromEntries(Object.entries(idle()).map(([name, ms]) => [name, ms / idleMs]));

  const totals = new Map<string, { n: number; wall: number; cpu: Record<string, number> }>();
  const measure = async <T>(op: string, run: () => Promise<T>): Promise<T> => {
    const stop = cpuWindow(pids);
    const t0 = performance.now();
    const out = await run();
    const wall = performance.now() - t0;
    const cpu = stop();
    const entry = totals.get(op) ?? { n: 0, wall: 0, cpu: {} };
    entry.n += 1;
    entry.wall += wall;
    for (const [name, ms] of Object.entries(cpu)) entry.cpu[name] = (entry.cpu[name] ?? 0) + Math.max(0, ms - rest[name]! * wall);
    totals.set(op, entry);
    return out;
  };

  const codes = [HOME_PROVINCE_CODE, ...provinces];
  let done = 0;
  for (const [i, d] of journeyDrivers(sim.population, DRIVER_MAX_POINTS).entries()) {
    if (done >= journeys) break;
    const me = citizen(d.accountId);
    const province = codes[i % codes.length]!;
    // Drivers whose listing already shows something are skipped: every journey here starts from a fresh violation.
    if ((await mine(sim, me, AWAITING_HANDLING)).items.length > 0) continue;
    const id = await measure("recordViolation (camera)", () => freshViolation(sim, province, d.plate));
    await measure("tick (relay delivers)", () => sim.tick([province]));
    const listed = await measure("awaiting handling (listing)", () => mine(sim, me, AWAITING_HANDLING));
    if (!listed.items.some((v) => v.id === id && v.eligibility?.allowed)) continue;
    if (!(await measure("handleViolation", () => handle(sim, me, id)))?.ok) continue;
    if ((await measure("payFine", () => pay(sim, me, id)))?.ok) done += 1;
  }

  const names = [...pids.keys()];
  console.log(`Journeys measured: ${done}, Chongqing + ${provinces.length} provinces, ${availableParallelism()} cores`);
  console.log(`At rest, CPU ms a second: ${names.map((n) => `${n} ${(rest[n]! * 1000).toFixed(1)}`).join(", ")}`);
  console.log(`| operation | n | wall ms | ${names.join(" | ")} | total CPU ms |`);
  console.log(`|---|---|---|${names.map(() => "---|").join("")}---|`);
  let journey = 0;
  let tick = 0;
  for (const [op, e] of totals) {
    const per = Object.fromEntries(Object.entries(e.cpu).map(([k, v]) => [k, v / e.n]));
    if (op.startsWith("tick")) tick = sum(per);
    else journey += sum(per);
    console.log(`| ${op} | ${e.n} | ${(e.wall / e.n).toFixed(0)} | ${names.map((n) => per[n]!.toFixed(1)).join(" | ")} | ${sum(per).toFixed(1)} |`);
  }
  console.log(`A journey (record, list, handle, pay): ${journey.toFixed(0)} ms of CPU, so ${((availableParallelism() * 60_000) / journey).toFixed(0)} journeys a minute on ${availableParallelism()} cores at best; with a tick, ${(journey + tick).toFixed(0)} ms`);
} finally {
  await sim.stop();
}
