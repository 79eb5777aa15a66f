/**
 * A GraphQL IDE page for frontend teams that works offline: one self-contained HTML document (no CDN,
 * no script from anywhere else) with editors for the query, variables and headers, a few example
 * operations of the public contract (docs/design.md §7), and the JSON answer. It POSTs to /graphql.
 * `?query=…&variables=…&headers=…` prefill the editors and `&run=1` runs at once, so a query can be
 * shared as a link.
 */

const EXAMPLES: Record<string, { query: string; variables: string }> = {
  "Violation by ID": {
    query: "query Violation($id: ID!) {\n  violation(id: $id) {\n    id\n    plate\n    status\n  }\n}",
    variables: '{ "id": "5101000000000001" }',
  },
  "Province fine schedule": {
    query: "query Province($code: ProvinceCode!) {\n  province(code: $code) {\n    code\n    name\n  }\n}",
    variables: '{ "code": "51" }',
  },
  "My account": { query: "query Me {\n  me {\n    id\n    name\n  }\n}", variables: "{}" },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The IDE page's HTML. */
export function idePage(endpoint = "/graphql"): string {
  const options = Object.keys(EXAMPLES).map((name) => `<option>${escapeHtml(name)}</option>`).join("");
  // JSON inside a <script>: "<" escaped so no example can close the tag.
  const examples = JSON.stringify(EXAMPLES).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>交管12123 supergraph · GraphQL IDE</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{margin:0;font:14px system-ui,sans-serif;display:grid;grid-template-columns:1fr 1fr;grid-template-rows:auto 1fr;height:100vh}
header{grid-column:1/3;display:flex;gap:.75em;align-items:center;padding:.5em 1em;background:#123;color:#fff}
header h1{font-size:1em;margin:0 1em 0 0}
section{display:flex;flex-direction:column;padding:.5em;gap:.25em;min-height:0}
label{font-weight:600}
textarea,pre{font:13px ui-monospace,monospace;border:1px solid #bbb;border-radius:4px;padding:.5em;margin:0}
textarea{resize:vertical}#query{flex:3}#variables,#headers{flex:1}
pre{flex:1;overflow:auto;background:#f6f8fa;white-space:pre-wrap}
button{font-weight:600;padding:.4em 1.2em}
</style></head><body>
<header><h1>交管12123 GraphQL IDE</h1>
<label for="example">Example</label><select id="example">${options}</select>
<button id="run" title="Ctrl+Enter">Run ▶</button><button id="share" title="Put this query in the address bar">Link</button><span id="status"></span></header>
<section><label for="query">Query</label><textarea id="query" spellcheck="false"></textarea>
<label for="variables">Variables (JSON)</label><textarea id="variables" spellcheck="false">{}</textarea>
<label for="headers">Headers (JSON), e.g. {"authorization": "Bearer …"}</label><textarea id="headers" spellcheck="false">{}</textarea></section>
<section><label for="result">Response</label><pre id="result" aria-live="polite"></pre></section>
<script>
const EXAMPLES = ${examples};
const $ = (id) => document.getElementById(id);
function load(name) { $("query").value = EXAMPLES[name].query; $("variables").value = EXAMPLES[name].variables; }
function parse(id) { const t = $(id).value.trim(); return t ? JSON.parse(t) : {}; }
async function run() {
  let variables, headers;
  try { variables = parse("variables"); headers = parse("headers"); }
  catch (e) { $("result").textContent = "Invalid JSON: " + e.message; return; }
  $("status").textContent = "…";
  const started = performance.now();
  try {
    const res = await fetch(${JSON.stringify(endpoint)}, { method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: $("query").value, variables }) });
    const text = await res.text();
    let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
    $("result").textContent = shown;
    $("status").textContent = res.status + " · " + Math.round(performance.now() - started) + " ms · request " + (res.headers.get("x-request-id") || "");
  } catch (e) { $("result").textContent = String(e); $("status").textContent = "failed"; }
}
$("example").addEventListener("change", (e) => load(e.target.value));
$("run").addEventListener("click", run);
document.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
// Shareable links: ?query=…&variables=…&headers=… prefill the editors; &run=1 runs at once.
const params = new URLSearchParams(location.search);
load(Object.keys(EXAMPLES)[0]);
for (const id of ["query", "variables", "headers"]) if (params.has(id)) $(id).value = params.get(id);
$("share").addEventListener("click", () => {
  const link = new URL(location.pathname, location.href);
  for (const id of ["query", "variables", "headers"]) if (id !== "headers" || $(id).value.trim() !== "{}") link.searchParams.set(id, $(id).value);
  history.replaceState(null, "", link);
  $("status").textContent = "link in the address bar (headers included: mind your tokens)";
});
if (params.get("run") === "1") run();
</script></body></html>`;
}
