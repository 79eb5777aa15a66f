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
import type { ReportView } from "../src/html-model";
import { errorsSpec, handoffSpec, latencySpec, swimlanes, throughputSpec } from "./report-specs";

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
