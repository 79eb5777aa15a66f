/**
 * Issue #14: GraphiQL served by the gateway from its own bundled assets (no CDN), introspection on in
 * development and off in production, the IDE off in production unless enabled, `HEAD /` answered, and
 * example operations that are valid against the real API schema (the end-to-end suite runs them with
 * `npm start`'s kind of credentials).
 */
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSchemaSdl } from "../src/api-schema";
import { IDE_EXAMPLES } from "../src/ide/page";
import { DEFAULT_SUPERGRAPH_PATH } from "../src/server";
import { startSystem, type TestSystem } from "./fixtures/system";

const INTROSPECT = `{ __schema { queryType { name } } }`;

describe("the IDE in development mode", () => {
  let sys: TestSystem;
  const presets = { citizen: { authorization: "Bearer citizen-token" }, officer: { authorization: "Bearer officer-token" } };
  beforeAll(async () => {
    sys = await startSystem({ provinces: ["50"], config: { idePresetHeaders: presets } });
  });
  afterAll(() => sys?.close());

  it("serves GraphiQL's page with the credentials as presets and only same-origin assets", async () => {
    const res = await fetch(`${sys.gateway.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const config = JSON.parse(/<script id="ide-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as { presets: unknown; examples: unknown[] };
    expect(config.presets).toEqual(presets);
    expect(config.examples).toHaveLength(IDE_EXAMPLES.length);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) expect(src).toMatch(/^\/ide\/assets\//);
  });

  it("serves the bundled GraphiQL, its CSS and Monaco's workers itself, with nothing fetched from elsewhere", async () => {
    for (const file of ["app.js", "app.css", "editor.worker.js", "json.worker.js", "graphql.worker.js"]) {
      const res = await fetch(`${sys.gateway.url}/ide/assets/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type")).toMatch(file.endsWith(".css") ? /text\/css/ : /javascript/);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(10_000);
      if (file === "app.js") {
        expect(text).toContain("graphiql");
        expect(text).not.toMatch(/https:\/\/(esm\.sh|unpkg\.com|cdn\.jsdelivr\.net)/);
      }
    }
  }, 120_000);

  it("answers HEAD / like GET / without a body", async () => {
    const res = await fetch(`${sys.gateway.url}/`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toBe("");
  });

  it("allows introspection, which the schema explorer and autocompletion need", async () => {
    const { body } = await sys.gql(INTROSPECT);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("the IDE in production mode", () => {
  it("has introspection off and no IDE unless enabled; presets are refused", async () => {
    const off = await startSystem({ provinces: ["50"], config: { production: true } });
    try {
      expect((await fetch(`${off.gateway.url}/`)).status).toBe(404);
      expect((await off.gql(INTROSPECT)).body.errors![0]!.extensions?.["code"]).toBe("INTROSPECTION_DISABLED");
    } finally {
      await off.close();
    }
    const on = await startSystem({ provinces: ["50"], config: { production: true, ide: true } });
    try {
      expect((await fetch(`${on.gateway.url}/ide`)).status).toBe(200);
      expect((await on.gql(INTROSPECT)).body.errors![0]!.extensions?.["code"]).toBe("INTROSPECTION_DISABLED");
    } finally {
      await on.close();
    }
    await expect(startSystem({ provinces: ["50"], config: { production: true, idePresetHeaders: { x: { a: "b" } } } })).rejects.toThrow(/development only/);
  });
});

describe("the IDE's example operations", () => {
  it("are valid against the composed API schema (gateway/supergraph.graphql)", () => {
    const schema = buildSchema(apiSchemaSdl(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8")));
    for (const example of IDE_EXAMPLES) expect(validate(schema, parse(example.query)).map((e) => e.message), example.name).toEqual([]);
  });
});
