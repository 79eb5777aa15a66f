/**
 * The Vega-Lite specs of the HTML report's charts (see report.ts, which draws them): handoff latency,
 * errors, throughput, request latency, and the swimlanes of violations across the services.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ReportView, StepView } from "../src/html-model";

const FAULT_LANE = "faults (simulator)";
const SCENARIO_LANE = "scenario";
const CLOCK_LANE = "clock jumps";

const latencyAxis = { title: "latency (log scale)", labelExpr: "pow(10, datum.value) >= 3600000 ? format(pow(10, datum.value) / 3600000, '.2~r') + ' h' : pow(10, datum.value) >= 1000 ? format(pow(10, datum.value) / 1000, '.2~r') + ' s' : format(pow(10, datum.value), '.2~r') + ' ms'" };

export function handoffSpec(r: ReportView, measure: "virtual" | "lived"): TopLevelSpec {
  const stats = r.handoffStats.filter((s) => s.measure === measure).flatMap((s) => (["p50", "p90", "p99"] as const).map((p) => ({ pair: s.pair, percentile: p, ms: s[p], lg: Math.log10(Math.max(1, s[p])) })));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: measure === "virtual" ? "Handoff latency, virtual (with clock jumps)" : "Handoff latency, lived (clock jumps removed)",
    width: 380,
    height: 170,
    layer: [
      {
        name: "bars",
        data: { values: r.handoff.filter((h) => h.measure === measure) },
        mark: { type: "bar", tooltip: true },
        encoding: {
          x: { field: "lg", bin: { maxbins: 30 }, type: "quantitative", axis: latencyAxis },
          y: { aggregate: "count", type: "quantitative", title: "messages" },
          color: { field: "pair", type: "nominal", title: "province → home" },
        },
      },
      {
        name: "percentiles",
        data: { values: stats },
        mark: { type: "rule", strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: {
          x: { field: "lg", type: "quantitative" },
          color: { field: "pair", type: "nominal" },
          tooltip: [{ field: "pair" }, { field: "percentile" }, { field: "ms", title: "ms", format: ",.0f" }],
        },
      },
    ],
  };
}

export function errorsSpec(r: ReportView): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Errors and denials by code",
    width: 460,
    data: { values: r.errors },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: { field: "code", type: "nominal", sort: "-x", title: null },
      x: { field: "count", type: "quantitative" },
      color: { field: "code", type: "nominal", legend: null },
    },
  };
}

export function throughputSpec(r: ReportView): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Throughput: gateway operations per second (errors by code)",
    width: 620,
    height: 160,
    data: { values: r.load!.calls.map((c) => ({ ...c, second: Math.floor(c.t), outcome: c.code ?? "ok" })) },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x: { field: "second", type: "ordinal", title: "real seconds since the load started", axis: { labelOverlap: true } },
      y: { aggregate: "count", type: "quantitative", title: "operations" },
      // "ok" in a quiet blue, each error or denial code in a colour of its own.
      color: { field: "outcome", type: "nominal", title: "answer", scale: { domain: ["ok", ...new Set(r.load!.calls.flatMap((c) => (c.code ? [c.code] : [])))], range: ["#4c78a8", "#e45756", "#f58518", "#b279a2", "#ff9da6", "#9d755d", "#eeca3b", "#54a24b"] } },
    },
  };
}

export function latencySpec(r: ReportView): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Gateway latency over time: each call, median per second, errors marked by code",
    width: 620,
    height: 200,
    data: { values: r.load!.calls.map((c) => ({ ...c, second: Math.floor(c.t) })) },
    layer: [
      { name: "calls", mark: { type: "point", opacity: 0.35, size: 12, color: "#4c78a8" }, encoding: { x: { field: "t", type: "quantitative", title: "real seconds since the load started" }, y: { field: "ms", type: "quantitative", title: "latency (ms)" }, tooltip: [{ field: "t", format: ".1f" }, { field: "ms", format: ".0f" }] } },
      { name: "median", mark: { type: "line", color: "#333", strokeWidth: 2 }, encoding: { x: { field: "second", type: "quantitative" }, y: { aggregate: "median", field: "ms", type: "quantitative" } } },
      {
        name: "errors",
        transform: [{ filter: "datum.code !== null" }],
        mark: { type: "point", filled: true, size: 70, shape: "triangle-up" },
        encoding: { x: { field: "t", type: "quantitative" }, y: { field: "ms", type: "quantitative" }, color: { field: "code", type: "nominal", title: "error / denial code" }, tooltip: [{ field: "code" }, { field: "t", format: ".1f" }, { field: "ms", format: ".0f" }] },
      },
    ],
  };
}

function laneOrder(steps: { lane: string }[]): string[] {
  const lanes = [SCENARIO_LANE, FAULT_LANE, CLOCK_LANE];
  const services = [...new Set(steps.map((s) => s.lane))];
  // Shards first, then the handoff between them and home, then the home platform: the order a violation travels.
  const rank = (l: string) => (l.startsWith("province") ? 0 : l.startsWith("handoff") ? 1 : 2);
  return [...services.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)), ...lanes];
}

/** Swimlanes over lived time: steps (instants and message spans), faults, scenarios, clock jumps; `domain` restricts the markers. */
export function swimlanes(title: string, steps: (StepView & { violation?: string })[], r: ReportView, width: number, domain?: [number, number]): TopLevelSpec {
  const inside = (x: number) => !domain || (x >= domain[0] && x <= domain[1]);
  const jumps = r.jumps.filter((j) => inside(j.x)).map((j) => ({ ...j, lane: CLOCK_LANE }));
  const faults = r.faults.filter((f) => inside(f.x));
  const scenarios = r.scenarioSpans.filter((s) => !domain || (s.x2! >= domain[0] && s.x <= domain[1])).map((s) => (domain ? { ...s, x: Math.max(s.x, domain[0]), x2: Math.min(s.x2!, domain[1]) } : s));
  const lanes = laneOrder(steps);
  const x = { field: "x", type: "quantitative" as const, title: "lived seconds since the start (virtual time without the clock's jumps, marked »)", ...(domain ? { scale: { domain, nice: false } } : {}) };
  const y = { field: "lane", type: "nominal" as const, title: null, sort: lanes, scale: { domain: lanes } };
  const tip = [{ field: "what", title: "step" }, { field: "when", title: "virtual time" }, { field: "detail" }];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width,
    height: Math.max(120, lanes.length * 34),
    layer: [
      { name: "jumpRules", data: { values: jumps }, mark: { type: "rule", strokeDash: [6, 4], color: "#9467bd" }, encoding: { x } },
      { name: "faultRules", data: { values: faults }, mark: { type: "rule", color: "#d62728", opacity: 0.5 }, encoding: { x } },
      { name: "scenarios", data: { values: scenarios }, mark: { type: "bar", height: 16, opacity: 0.5, cornerRadius: 3 }, encoding: { x, x2: { field: "x2" }, y, color: { field: "ok", type: "nominal", scale: { domain: [true, false], range: ["#9ecae1", "#fc9272"] }, legend: null }, tooltip: [{ field: "label", title: "scenario" }, { field: "when", title: "virtual time" }] } },
      { name: "scenarioNames", data: { values: scenarios }, mark: { type: "text", align: "left", dx: 4, fontSize: 11, color: "#333" }, encoding: { x, y, text: { field: "label" } } },
      { name: "spans", data: { values: steps.filter((s) => s.x2 !== undefined) }, mark: { type: "bar", height: 10, cornerRadius: 2 }, encoding: { x, x2: { field: "x2" }, y, color: { field: "what", type: "nominal", title: "handoff message", scale: { scheme: "tableau20" } }, tooltip: tip } },
      { name: "steps", data: { values: steps.filter((s) => s.x2 === undefined) }, mark: { type: "point", filled: true, size: 90, opacity: 0.9 }, encoding: { x, y, color: { field: "what", type: "nominal", title: "step", scale: { scheme: "tableau20" } }, shape: { field: "lane", type: "nominal", legend: null }, tooltip: tip } },
      { name: "faults", data: { values: faults }, mark: { type: "point", shape: "triangle-down", filled: true, size: 110, color: "#d62728" }, encoding: { x, y, tooltip: [{ field: "label", title: "fault" }, { field: "when", title: "virtual time" }] } },
      { name: "jumps", data: { values: jumps }, mark: { type: "text", color: "#9467bd", fontWeight: "bold", dy: -2 }, encoding: { x, y, text: { field: "label" }, tooltip: [{ field: "label", title: "clock jump" }, { field: "when", title: "virtual" }] } },
    ],
    resolve: { scale: { color: "independent" } },
  };
}
