/**
 * The HTML report's browser script (issue 16). esbuild bundles it with Vega, Vega-Lite and vega-embed
 * when a report is written, and the bundle is inlined into the page, so the file opens offline from
 * disk. It reads the page's data (`<script type="application/json" id="report-data">`, a list of
 * `ReportView`s made by `src/html-model.ts`), builds the tables with the DOM and draws every chart
 * with Vega-Lite as SVG. `window.simReport` lets a test (or a curious reader in the console) see what
 * was drawn: the charts, how many data marks each drew, and open a violation's timeline.
 */
import embed, { type Result } from "vega-embed";
import type { TopLevelSpec } from "vega-lite";
import type { ReportView, StepView } from "../src/html-model";

const FAULT_LANE = "faults (simulator)";
const SCENARIO_LANE = "scenario";
const CLOCK_LANE = "clock jumps";

const views = new Map<string, Result>();
const data = JSON.parse(document.getElementById("report-data")!.textContent!) as ReportView[];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function table(head: string[], rows: (Node | string)[][], attrs: Record<string, string> = {}): HTMLTableElement {
  return el("table", attrs, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))), el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, c))))));
}

const ms = (n: number) => (n >= 3_600_000 ? `${(n / 3_600_000).toFixed(1)} h` : n >= 60_000 ? `${(n / 60_000).toFixed(1)} min` : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const badge = (ok: boolean) => el("span", { class: ok ? "pass" : "fail" }, ok ? "PASS" : "FAIL");

/** Counts the items of every data mark of a view's scene graph (axes, legends and titles have other roles). */
function dataMarks(result: Result): Record<string, number> {
  const counts: Record<string, number> = {};
  type SceneNode = { marktype?: string; role?: string; name?: string; items?: SceneNode[] };
  const walk = (node: SceneNode | undefined) => {
    if (!node) return;
    if (node.marktype && node.marktype !== "group" && node.role === "mark") counts[node.name ?? node.marktype] = (counts[node.name ?? node.marktype] ?? 0) + (node.items?.length ?? 0);
    for (const child of node.items ?? []) walk(child);
  };
  walk((result.view.scenegraph() as unknown as { root: SceneNode }).root);
  return counts;
}

async function draw(key: string, target: HTMLElement, spec: TopLevelSpec): Promise<void> {
  views.get(key)?.finalize();
  const result = await embed(target, spec, { actions: false, renderer: "svg", tooltip: true });
  target.dataset.chart = key;
  views.set(key, result);
}

const latencyAxis = { title: "latency (log scale)", labelExpr: "pow(10, datum.value) >= 3600000 ? format(pow(10, datum.value) / 3600000, '.2~r') + ' h' : pow(10, datum.value) >= 1000 ? format(pow(10, datum.value) / 1000, '.2~r') + ' s' : format(pow(10, datum.value), '.2~r') + ' ms'" };

function handoffSpec(r: ReportView, measure: "virtual" | "lived"): TopLevelSpec {
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

function errorsSpec(r: ReportView): TopLevelSpec {
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

function throughputSpec(r: ReportView): TopLevelSpec {
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

function latencySpec(r: ReportView): TopLevelSpec {
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
function swimlanes(title: string, steps: (StepView & { violation?: string })[], r: ReportView, width: number, domain?: [number, number]): TopLevelSpec {
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

async function showTimeline(section: HTMLElement, index: number, id: string): Promise<void> {
  const r = data[index]!;
  const steps = r.timelines[id];
  if (!steps) return;
  const panel = section.querySelector<HTMLElement>(".timeline")!;
  panel.hidden = false;
  const row = r.violations.find((v) => v.id === id)!;
  panel.querySelector("h3")!.textContent = `Violation ${id} — province ${row.province}, ${row.plate}, ${row.status}`;
  const xs = steps.flatMap((s) => [s.x, s.x2 ?? s.x]);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = Math.max(0.5, (hi - lo) * 0.06);
  await draw(`${index}:timeline`, panel.querySelector<HTMLElement>(".chart")!, swimlanes("Its life across the services", steps, r, 760, [lo - pad, hi + pad]));
  const list = panel.querySelector(".steps")!;
  list.replaceChildren(table(["virtual time (CST)", "service", "step", "detail"], steps.map((s) => [s.when, s.lane, s.what, s.detail])));
  for (const tr of section.querySelectorAll("tr[data-violation]")) tr.classList.toggle("selected", (tr as HTMLElement).dataset.violation === id);
  panel.dataset.violation = id;
  panel.scrollIntoView({ block: "nearest" });
}

function violationLink(section: HTMLElement, index: number, id: string): HTMLElement {
  const a = el("a", { href: `#v-${index}-${id}`, "data-violation": id }, id);
  a.addEventListener("click", (e) => {
    e.preventDefault();
    void showTimeline(section, index, id);
  });
  return a;
}

/** An invariant's broken-row text with every violation ID in it made a link to its timeline. */
function linked(section: HTMLElement, index: number, text: string): HTMLElement {
  const span = el("span");
  let last = 0;
  for (const m of text.matchAll(/\b\d{16}\b/g)) {
    span.append(text.slice(last, m.index), data[index]!.timelines[m[0]] ? violationLink(section, index, m[0]) : m[0]);
    last = m.index + m[0].length;
  }
  span.append(text.slice(last));
  return span;
}

async function render(r: ReportView, index: number): Promise<void> {
  const section = el("section", { "data-report": String(index) });
  document.getElementById("reports")!.append(section);
  section.append(el("h2", {}, badge(r.ok), " ", r.title));
  const charts: [string, HTMLElement, TopLevelSpec][] = [];
  const chart = (name: string, spec: TopLevelSpec) => {
    const div = el("div", { class: "chart" });
    charts.push([`${index}:${name}`, div, spec]);
    return div;
  };

  if (r.scenarios.length > 0) {
    const notes = (s: ReportView["scenarios"][number]) => el("div", {}, ...s.notes.map((n) => el("div", {}, n)));
    section.append(
      el("h3", {}, "Scenarios"),
      table(["", "scenario", "rules", "time", "what failed", "findings"], r.scenarios.map((s) => [badge(s.ok), s.name, s.rules.join(" "), ms(s.durationMs), s.failed.join("; "), notes(s)])),
    );
  }
  section.append(
    el("h3", {}, "Invariants (all databases, end of run)"),
    table(
      ["", "invariant", "checked", "broken", "broken rows"],
      r.invariants.map((i) => [badge(i.ok), i.name, String(i.checked), String(i.broken.length), el("div", {}, ...i.broken.slice(0, 20).map((b) => el("div", {}, linked(section, index, b))))]),
      { class: "invariants" },
    ),
  );
  if (r.load) section.append(el("h3", {}, "Load"), el("p", {}, r.load.summary), chart("throughput", throughputSpec(r)), chart("latency", latencySpec(r)));

  section.append(el("h3", {}, "Handoff latency per province pair"));
  if (r.handoff.length > 0) {
    section.append(el("div", { class: "row" }, chart("handoff-virtual", handoffSpec(r, "virtual")), chart("handoff-lived", handoffSpec(r, "lived"))));
    section.append(
      table(
        ["province → home", "measure", "messages", "p50", "p90", "p99", "max"],
        r.handoffStats.map((s) => [s.pair, s.measure, String(s.n), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)]),
      ),
    );
  } else section.append(el("p", {}, "No handoff message reached the home platform."));

  section.append(el("h3", {}, "Errors and denials by code"));
  section.append(r.errors.length > 0 ? chart("errors", errorsSpec(r)) : el("p", {}, "None."));

  const all = Object.entries(r.timelines).flatMap(([id, steps]) => steps.map((s) => ({ ...s, violation: id })));
  if (all.length > 0) {
    section.append(el("h3", {}, "The whole run"), el("p", { class: "hint" }, "Every step of every violation, with the faults injected, the scenarios run and the clock's jumps; click a step to see its violation's timeline."));
    section.append(chart("overview", swimlanes("Every violation's steps across the services", all, r, 900)));
  }

  section.append(el("h3", {}, `Violations (${r.violations.length})`));
  const panel = el("div", { class: "timeline", hidden: "" }, el("h3"), el("div", { class: "chart" }), el("div", { class: "steps" }));
  section.append(el("p", { class: "hint" }, "Click a violation to see its timeline: recorded at the shard → indexed at home → authorized/reserved → handled → paid or reverted → points applied or released."), panel);
  const filter = el("input", { type: "search", placeholder: "filter by ID, province, plate or status", class: "filter" });
  section.append(filter);
  const rows = r.violations.map((v) => {
    const tr = el("tr", { "data-violation": v.id });
    for (const c of [violationLink(section, index, v.id), v.province, v.plate, v.status, String(v.handlings), String(v.steps), v.handoffLivedMs === null ? "—" : ms(v.handoffLivedMs)]) tr.append(el("td", {}, c));
    tr.addEventListener("click", () => void showTimeline(section, index, v.id));
    return tr;
  });
  const head = ["violation", "province", "plate", "status", "handlings", "steps", "slowest handoff (lived)"];
  section.append(el("div", { class: "scroll" }, el("table", { class: "violations" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))), el("tbody", {}, ...rows))));
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    for (const tr of rows) tr.hidden = q !== "" && !tr.textContent!.toLowerCase().includes(q);
  });

  await Promise.all(charts.map(([key, div, spec]) => draw(key, div, spec)));
  views.get(`${index}:overview`)?.view.addEventListener("click", (_event, item) => {
    const id = (item as { datum?: { violation?: string } } | null | undefined)?.datum?.violation;
    if (id) void showTimeline(section, index, id);
  });
}

const ready = (async () => {
  for (const [i, r] of data.entries()) await render(r, i);
  document.body.dataset.ready = "true";
})();

(window as unknown as { simReport: unknown }).simReport = {
  ready,
  /** Keys of the charts drawn, e.g. "0:handoff-lived". */
  charts: () => [...views.keys()],
  /** Data-mark items drawn by a chart, by mark name. */
  marks: (key: string) => {
    const v = views.get(key);
    return v ? dataMarks(v) : null;
  },
  /** Shows a violation's timeline (what a click on its row does). */
  showTimeline: (index: number, id: string) => showTimeline(document.querySelector<HTMLElement>(`section[data-report="${index}"]`)!, index, id),
};
