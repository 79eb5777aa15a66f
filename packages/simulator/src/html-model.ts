/**
 * What the HTML report's page shows (issue 16), computed from a {@link RunReport} on the Node side so that
 * the browser script only draws: instants are placed on the **lived axis** (seconds since the run's
 * start without the spans the virtual clock jumped over, so a 2-hour jump does not squeeze the rest of
 * the run into a pixel; each jump is drawn where it happened) and labelled with their virtual instant
 * in China Standard Time (what the services' clocks said).
 */
import type { RunReport } from "./report";
import { distribution } from "./stats";
import { lived, type RunTimeline } from "./timeline";

/** A lane of the timeline for what the simulator did (faults it injected). */
const FAULT_LANE = "faults (simulator)";
/** A lane of the timeline for the scenarios the simulator ran. */
const SCENARIO_LANE = "scenario";

export interface StepView {
  lane: string;
  what: string;
  /** Lived seconds since the run's start. */
  x: number;
  x2?: number;
  /** Virtual instant, CST. */
  when: string;
  detail: string;
}

interface ViolationRow {
  id: string;
  province: string;
  plate: string;
  status: string;
  handlings: number;
  steps: number;
  /** The slowest of its delivered handoff messages, lived ms (null: none delivered). */
  handoffLivedMs: number | null;
}

interface MarkerView {
  x: number;
  x2?: number;
  label: string;
  when: string;
}

interface HandoffPoint {
  pair: string;
  measure: "virtual" | "lived";
  ms: number;
  /** log10 of the latency (1 ms at least): the histogram's axis, as latencies range from ms to hours. */
  lg: number;
}

interface HandoffStat {
  pair: string;
  measure: "virtual" | "lived";
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface CallPoint {
  /** Real seconds since the first call of the load. */
  t: number;
  ms: number;
  /** The first error or denial code the call answered; null when it answered none. */
  code: string | null;
}

export interface ReportView {
  title: string;
  kind: RunReport["kind"];
  ok: boolean;
  provinces: string[];
  seed: number;
  scenarios: { name: string; ok: boolean; rules: string[]; durationMs: number; failed: string[]; notes: string[] }[];
  invariants: { name: string; ok: boolean; checked: number; broken: string[] }[];
  errors: { code: string; count: number }[];
  handoff: HandoffPoint[];
  handoffStats: HandoffStat[];
  load: { summary: string; calls: CallPoint[] } | null;
  violations: ViolationRow[];
  timelines: Record<string, StepView[]>;
  jumps: MarkerView[];
  faults: (MarkerView & { lane: string })[];
  scenarioSpans: (MarkerView & { lane: string; ok: boolean })[];
}

const HOUR = 3_600_000;

/** A virtual instant as China Standard Time (UTC+8, no daylight saving), e.g. "2026-03-10 10:00:05 CST". */
function cst(ms: number): string {
  return `${new Date(ms + 8 * HOUR).toISOString().replace("T", " ").slice(0, 19)} CST`;
}

/** A duration for people: "850 ms", "12.5 s", "7 min", "2 h 0 min". */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < HOUR) return `${Math.round(ms / 60_000)} min`;
  return `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / 60_000)} min`;
}

function handoffStats(points: HandoffPoint[]): HandoffStat[] {
  const groups = new Map<string, HandoffPoint[]>();
  for (const p of points) groups.set(`${p.pair}\u0000${p.measure}`, [...(groups.get(`${p.pair}\u0000${p.measure}`) ?? []), p]);
  return [...groups.values()].map((g) => {
    const d = distribution(g.map((p) => p.ms));
    return { pair: g[0]!.pair, measure: g[0]!.measure, n: d.count, p50: d.p50, p90: d.p90, p99: d.p99, max: d.max };
  });
}

function timelineParts(t: RunTimeline) {
  const x = (at: number) => lived(t, at) / 1000;
  const timelines: Record<string, StepView[]> = {};
  const rows: ViolationRow[] = [];
  const slowest = new Map<string, number>();
  for (const h of t.handoff) if (h.violationId) slowest.set(h.violationId, Math.max(slowest.get(h.violationId) ?? 0, h.livedMs));
  for (const v of t.violations) {
    timelines[v.id] = v.steps.map((s) => ({
      lane: s.lane,
      what: s.what,
      x: x(s.at),
      ...(s.end !== undefined ? { x2: x(s.end) } : {}),
      when: cst(s.at) + (s.end !== undefined ? ` → ${cst(s.end)} (${duration(s.end - s.at)} virtual)` : ""),
      detail: s.detail ?? "",
    }));
    rows.push({ id: v.id, province: v.province, plate: v.plate, status: v.status, handlings: v.handlings, steps: v.steps.length, handoffLivedMs: slowest.get(v.id) ?? null });
  }
  // The violations a reader looks for first: handled ones (their whole journey), then by ID.
  rows.sort((a, b) => b.handlings - a.handlings || b.steps - a.steps || a.id.localeCompare(b.id));
  const jumps = t.jumps.map((j) => ({ x: x(j.from), label: `» +${duration(j.to - j.from)}`, when: `${cst(j.from)} → ${cst(j.to)}` }));
  const faults = t.events.flatMap((e) => (e.kind === "fault" ? [{ x: x(e.at), lane: FAULT_LANE, label: `${e.province}: ${e.what}`, when: cst(e.at) }] : []));
  const scenarioSpans = t.events.flatMap((e) =>
    e.kind === "scenario" ? [{ x: x(e.at), x2: Math.max(x(e.end), x(e.at) + 0.001), lane: SCENARIO_LANE, label: e.name, ok: e.ok, when: `${cst(e.at)} → ${cst(e.end)}` }] : [],
  );
  const handoff = t.handoff.flatMap((h): HandoffPoint[] => [
    { pair: h.pair, measure: "virtual", ms: h.virtualMs, lg: Math.log10(Math.max(1, h.virtualMs)) },
    { pair: h.pair, measure: "lived", ms: h.livedMs, lg: Math.log10(Math.max(1, h.livedMs)) },
  ]);
  return { timelines, violations: rows, jumps, faults, scenarioSpans, handoff };
}

/** The page's view of one report (one system of a run). */
export function reportView(r: RunReport): ReportView {
  const t = r.timeline;
  const parts = t ? timelineParts(t) : { timelines: {}, violations: [], jumps: [], faults: [], scenarioSpans: [], handoff: [] };
  let load: ReportView["load"] = null;
  if (r.load) {
    const l = r.load;
    // The load's calls are the last `operations` ones; scenario calls before it (seeding goes around the gateway) are left out.
    const calls = (t?.calls ?? []).slice(-l.operations);
    const t0 = calls[0]?.at ?? 0;
    load = {
      summary: `${l.citizens} citizens for ${(l.durationMs / 1000).toFixed(1)} s — ${l.journeys} journeys (${l.journeysPerSecond.toFixed(2)}/s), ${l.operations} operations (${l.operationsPerSecond.toFixed(1)}/s); gateway latency p50 ${Math.round(l.latencyMs.p50)} ms, p90 ${Math.round(l.latencyMs.p90)} ms, p99 ${Math.round(l.latencyMs.p99)} ms`,
      calls: calls.map((c) => ({ t: (c.at - t0) / 1000, ms: c.ms, code: c.codes[0] ?? null })),
    };
  }
  return {
    title: `Simulation (${r.kind}) — Chongqing + ${r.provinces.join(", ") || "no other province"}, seed ${r.seed}`,
    kind: r.kind,
    ok: r.ok,
    provinces: r.provinces,
    seed: r.seed,
    scenarios: r.scenarios.map((s) => ({
      name: s.name,
      ok: s.ok,
      rules: s.rules,
      durationMs: s.durationMs,
      notes: s.notes ?? [],
      failed: [...s.expectations.filter((e) => !e.ok).map((e) => `${e.what}: ${e.detail ?? ""}`), ...(s.error ? [s.error.split("\n")[0]!] : [])],
    })),
    invariants: r.invariants.map((i) => ({ name: i.name, ok: i.ok, checked: i.checked, broken: i.violations })),
    errors: Object.entries(r.errorsByCode)
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count),
    handoff: parts.handoff,
    handoffStats: handoffStats(parts.handoff),
    load,
    violations: parts.violations,
    timelines: parts.timelines,
    jumps: parts.jumps,
    faults: parts.faults,
    scenarioSpans: parts.scenarioSpans,
  };
}
