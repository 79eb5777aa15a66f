/**
 * The report as one self-contained HTML file (`--html FILE`, issue 16): the page's data (a
 * {@link ReportView} per system of the run) and the browser script (`browser/report.ts` with Vega,
 * Vega-Lite and vega-embed) are inlined, so it opens offline from disk, with no CDN. The script is
 * bundled by esbuild when the first report of a process is written (about a second), not ahead of
 * time, so there is no build step and nothing generated to commit.
 *
 * Why these libraries: Vega-Lite draws histograms, binned throughput, layered latency charts and
 * swimlanes from a declarative spec, renders SVG, and its View API lets the browser test count the data
 * marks each chart drew; esbuild is the bundler tsx already brings (pinned here explicitly).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { reportView } from "./html-model";
import type { RunReport } from "./report";

const BROWSER_ENTRY = fileURLToPath(new URL("../browser/report.ts", import.meta.url));

let bundled: Promise<string> | undefined;

/** The browser script with its libraries, minified, as one classic script (cached per process). */
function browserBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [BROWSER_ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  }).then((out) => out.outputFiles[0]!.text);
  return bundled;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", sans-serif; margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; margin-top: 2rem; } h3 { font-size: 1.02rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; margin: .3rem 0; } th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eee; vertical-align: top; } th { background: #f6f6f6; }
.pass, .fail { font-weight: 700; font-size: .8rem; padding: 0 .35rem; border-radius: 3px; color: #fff; } .pass { background: #2e7d32; } .fail { background: #c62828; }
.row { display: flex; flex-wrap: wrap; gap: 1rem; } .chart { margin: .4rem 0; }
.scroll { max-height: 24rem; overflow: auto; border: 1px solid #eee; } .violations tbody tr { cursor: pointer; } .violations tbody tr:hover { background: #f3f7ff; } tr.selected { background: #e3edff !important; }
.timeline { border: 1px solid #c9d6f2; background: #fafcff; padding: .3rem .8rem .8rem; margin: .5rem 0; border-radius: 4px; }
.hint { color: #666; font-size: .9rem; } .filter { margin: .3rem 0; width: 22rem; padding: .2rem .4rem; }
a { color: #1f5fbf; }
`;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The whole page for the reports of one run (one per system it started). */
async function renderHtml(reports: RunReport[]): Promise<string> {
  const views = reports.map(reportView);
  const ok = reports.every((r) => r.ok);
  // Inside <script>, "<" is escaped so that no string in the data or the libraries can close the element.
  const json = JSON.stringify(views).replace(/</g, "\\u003c");
  const script = (await browserBundle()).replace(/<\/(script)/gi, "<\\/$1");
  const title = `Simulation report — ${ok ? "PASS" : "FAIL"}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="hint">Written ${escapeHtml(new Date().toISOString())} by <code>jg-sim</code>. Virtual times are China Standard Time on the services' shared virtual clock; charts of time use lived seconds (the clock's jumps removed and marked »).</p>
<div id="reports"></div>
<script type="application/json" id="report-data">${json}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** Writes the page for `reports` to `path`. */
export async function writeHtmlReport(path: string, reports: RunReport[]): Promise<void> {
  writeFileSync(path, await renderHtml(reports));
}
