/**
 * The IDE's browser side: GraphiQL 5 (schema explorer, history, Monaco editors with autocompletion from
 * introspection) bundled by esbuild into the gateway's own assets (gateway/src/ide/bundle.ts), so it works
 * offline. The page passes its settings as JSON in `<script id="ide-config">`: the endpoint, the example
 * operations (one tab each) and, in development mode, the printed credentials as header presets that the
 * footer's buttons put in the headers editor (the first one is preloaded).
 */
import { createElement as h, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { useHeadersEditorState } from "@graphiql/react";
import "graphiql/style.css";

interface IdeConfig {
  endpoint: string;
  examples: { name: string; query: string; variables: string }[];
  presets: Record<string, Record<string, string>>;
}

const config = JSON.parse(document.getElementById("ide-config")!.textContent ?? "{}") as IdeConfig;

// Monaco's language services run in web workers, bundled next to this file (no CDN).
const base = new URL("./", import.meta.url);
(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    const file = label === "json" ? "json.worker.js" : label === "graphql" ? "graphql.worker.js" : "editor.worker.js";
    return new Worker(new URL(file, base), { type: "module" });
  },
};

// The schema is the same for everyone: introspection goes without the editor's headers, so an expired
// or mistyped token never hides the explorer and autocompletion.
const fetcher = async (params: { operationName?: string | null }, options?: { headers?: Record<string, unknown> }) => {
  const headers = params.operationName === "IntrospectionQuery" ? {} : (options?.headers as Record<string, string> | undefined);
  const res = await fetch(config.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...headers },
    body: JSON.stringify(params),
  });
  return (await res.json()) as Record<string, unknown>;
};

const presetNames = Object.keys(config.presets);
const headersOf = (name: string | undefined) => JSON.stringify(name ? config.presets[name] : {}, null, 2);

/** Footer buttons: each puts one printed credential in the headers editor. */
function CredentialButtons(): ReactNode {
  const [, setHeaders] = useHeadersEditorState();
  if (presetNames.length === 0) return null;
  return h(
    "div",
    { className: "jg-presets", style: { display: "flex", gap: "0.5em", flexWrap: "wrap", padding: "0.5em" } },
    h("span", null, "Credentials:"),
    ...presetNames.map((name) =>
      h("button", { key: name, type: "button", className: "graphiql-button", "data-preset": name, onClick: () => setHeaders(headersOf(name)) }, `use ${name}`),
    ),
    h("button", { key: "none", type: "button", className: "graphiql-button", onClick: () => setHeaders("{}") }, "anonymous"),
  );
}

const defaultHeaders = headersOf(presetNames[0]);
const root = createRoot(document.getElementById("graphiql")!);
root.render(
  h(
    GraphiQL,
    {
      fetcher,
      defaultHeaders,
      defaultEditorToolsVisibility: "headers",
      defaultTabs: config.examples.map((e) => ({ query: e.query, variables: e.variables, headers: defaultHeaders })),
      shouldPersistHeaders: false,
    },
    h(GraphiQL.Footer, null, h(CredentialButtons)),
  ),
);
