import { ApolloServer } from "@apollo/server";
import { getIntrospectionQuery, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containsNul, documentGuard, restoreLimitCode } from "./document-limits";
import { EDGE_DOCUMENT_LIMITS, measureDocument, SUBGRAPH_DOCUMENT_LIMITS, type DocumentLimits } from "./document-measure";
import { startHttpServer, type RunningHttpServer } from "./http";

const LIMITS: DocumentLimits = { maxTokens: 200, maxSelectionsPerSet: 10, maxSelections: 40, maxDepth: 4, maxAliases: 3 };

describe("measureDocument (issue 10 §1: bounds on the parsed document, before validation)", () => {
  it("accepts a document within every limit", () => {
    expect(measureDocument(parse("{ a { b c } d ...F } fragment F on Q { e }"), LIMITS)).toBeUndefined();
  });

  it("lets the standard introspection query through the edge limits (issue #14: GraphiQL, codegen), depth aside only under __schema/__type", () => {
    const introspection = parse(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }));
    expect(measureDocument(introspection, EDGE_DOCUMENT_LIMITS)).toBeUndefined();
    const deep = (n: number) => "{ " + "a { ".repeat(n) + "b" + " }".repeat(n) + " }";
    expect(measureDocument(parse(deep(4)), LIMITS)?.code).toBe("QUERY_TOO_DEEP");
    expect(measureDocument(parse(`{ __type(name: "Q") ${deep(4)} }`), LIMITS)).toBeUndefined();
    // Fields inside still count.
    expect(measureDocument(parse(`{ __schema { ${"f ".repeat(10)} g { ${"f ".repeat(10)} } h { ${"f ".repeat(10)} } i { ${"f ".repeat(10)} } } }`), LIMITS)?.code).toBe("TOO_MANY_SELECTIONS");
  });

  it("counts the selections of one selection set, `__typename` included", () => {
    const doc = parse(`{ ${"__typename ".repeat(11)} }`);
    expect(measureDocument(doc, LIMITS)).toEqual({ code: "TOO_MANY_SELECTIONS", limit: 10, actual: 11 });
  });

  it("counts the selections in total with fragments expanded where spread", () => {
    // 4 spreads of F (10 fields) = 40 fields, plus one more.
    const doc = parse(`{ x ...F ...F ...F ...F } fragment F on Q { ${"f ".repeat(10)} }`);
    expect(measureDocument(doc, LIMITS)?.code).toBe("TOO_MANY_SELECTIONS");
    expect(measureDocument(parse(`{ ...F ...F ...F ...F } fragment F on Q { ${"f ".repeat(10)} }`), LIMITS)).toBeUndefined();
  });

  it("stops early on fragments that spread fragments (no exponential walk)", () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Q { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : "leaf"} }`);
    const doc = parse(`{ ...F0 } ${fragments.join(" ")}`);
    const started = performance.now();
    expect(measureDocument(doc, { ...LIMITS, maxSelections: 1000 })?.code).toBe("TOO_MANY_SELECTIONS");
    expect(performance.now() - started).toBeLessThan(1000); // 2^40 leaves if it did not stop
  });

  it("counts aliases of `__typename` like any alias", () => {
    expect(measureDocument(parse("{ a: __typename b: __typename c: __typename d: __typename }"), LIMITS)).toEqual({
      code: "TOO_MANY_ALIASES",
      limit: 3,
      actual: 4,
    });
  });

  it("measures depth through fragments and inline fragments", () => {
    expect(measureDocument(parse("{ a { b { ... on T { c { ...F } } } } } fragment F on T { d }"), LIMITS)).toBeUndefined();
    expect(measureDocument(parse("{ a { b { ... on T { c { ...F } } } } } fragment F on T { d { e } }"), LIMITS)?.code).toBe("QUERY_TOO_DEEP");
  });

  it("ignores unknown and cyclic fragment spreads (validation refuses them)", () => {
    expect(measureDocument(parse("{ ...Nope ...A } fragment A on Q { ...B } fragment B on Q { ...A x }"), LIMITS)).toBeUndefined();
  });

  it("finds U+0000 anywhere in variables, keys included, without recursion", () => {
    expect(containsNul({ a: [1, { b: "x" }], c: null })).toBe(false);
    expect(containsNul({ a: [1, { b: "x\u0000" }] })).toBe(true);
    expect(containsNul({ "k\u0000": 1 })).toBe(true);
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(containsNul(deep)).toBe(true);
    expect(containsNul(new Array(600_000).fill(0))).toBe(false);
  });

  it("gives subgraphs limits at least as loose as the gateway's, so a plan of an accepted document passes", () => {
    for (const key of Object.keys(EDGE_DOCUMENT_LIMITS) as Array<keyof DocumentLimits>) {
      expect(SUBGRAPH_DOCUMENT_LIMITS[key]).toBeGreaterThanOrEqual(EDGE_DOCUMENT_LIMITS[key]);
    }
  });
});

describe("documentGuard on an Apollo Server (issue 10 §1, §6)", () => {
  let host: RunningHttpServer;
  let validations = 0;
  const guard = documentGuard(LIMITS);
  const apollo = new ApolloServer({
    typeDefs: "type Query { a: String, b(x: String): String }",
    resolvers: { Query: { a: () => "A", b: (_: unknown, args: { x?: string }) => args.x ?? null } },
    parseOptions: guard.parseOptions,
    validationRules: [guard.validationRule, () => ((validations += 1), {})],
    plugins: [guard.plugin],
    formatError: restoreLimitCode,
  });
  beforeAll(async () => {
    await apollo.start();
    host = await startHttpServer({ maxBodyBytes: 4096, graphql: { server: apollo, context: async () => ({}) } });
  });
  afterAll(async () => {
    await host.close();
    await apollo.stop();
  });

  const post = async (body: string, contentType = "application/json") => {
    const res = await fetch(`${host.url}/graphql`, { method: "POST", headers: { "content-type": contentType }, body });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
  };
  const gql = (query: string, operationName?: string) => post(JSON.stringify({ query, operationName }));

  it("answers a document within the limits", async () => {
    expect(await gql("{ a }")).toEqual({ status: 200, body: { data: { a: "A" } } });
  });

  it("refuses a document over the token limit while parsing, with DOCUMENT_TOO_LARGE (400)", async () => {
    const res = await gql(`{ ${"__typename ".repeat(300)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ message: "The document has more tokens than the limit of 200", extensions: { code: "DOCUMENT_TOO_LARGE", limit: 200 } }]);
  });

  it("refuses too many selections before validation runs, with TOO_MANY_SELECTIONS (400)", async () => {
    const before = validations;
    const res = await gql(`{ ${"__typename ".repeat(11)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: "TOO_MANY_SELECTIONS", limit: 10, actual: 11 });
    // Validation ran on the empty stand-in only: a rule saw it, but no field of the refused document.
    expect(validations).toBe(before + 1);
  });

  it("refuses aliased `__typename` over the alias limit with TOO_MANY_ALIASES", async () => {
    const res = await gql("{ a: __typename b: __typename c: __typename d: __typename }");
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.["code"]).toBe("TOO_MANY_ALIASES");
  });

  it("answers an unknown operationName with UNKNOWN_OPERATION (400), not a 500", async () => {
    for (const [query, name] of [["query A { a } query B { a }", "C"], ["query A { a } query B { a }", undefined], ["{ a }", "Nope"]] as const) {
      const res = await gql(query, name);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.["code"]).toBe("UNKNOWN_OPERATION");
    }
    expect((await gql("query A { a } query B { a }", "B")).body).toEqual({ data: { a: "A" } });
  });

  it("refuses text holding U+0000, in a variable or a literal, with BAD_USER_INPUT (400)", async () => {
    for (const body of [
      { query: "query($x: String) { b(x: $x) }", variables: { x: "a\u0000b" } },
      { query: 'query { b(x: "a\\u0000b") }' },
    ]) {
      const res = await post(JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    }
    expect((await post(JSON.stringify({ query: "query($x: String) { b(x: $x) }", variables: { x: "a\u0001b" } }))).body).toEqual({ data: { b: "a\u0001b" } });
  });

  it("refuses a literal U+0000 again when the same document comes back (its verdict is remembered per parsed document)", async () => {
    for (let i = 0; i < 3; i++) {
      const refused = await post(JSON.stringify({ query: 'query Again { b(x: "c\u0000d") }' }));
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
      expect((await post(JSON.stringify({ query: 'query Clean { b(x: "c\u0001d") }' }))).body).toEqual({ data: { b: "c\u0001d" } });
    }
  });

  it("answers a malformed JSON body (or one that is no JSON object) with a GraphQL-shaped MALFORMED_REQUEST (400)", async () => {
    for (const body of ['{"query": "{ a }"', "", "null", "42", '"{ a }"', "{}"]) {
      const res = await post(body);
      expect(res, body).toEqual({ status: 400, body: { errors: [{ message: "The request body is not a valid GraphQL request", extensions: { code: "MALFORMED_REQUEST" } }] } });
    }
  });

  it("answers an over-size body with a GraphQL-shaped REQUEST_TOO_LARGE (413)", async () => {
    const res = await gql(`{ b(x: "${"x".repeat(5000)}") }`);
    expect(res).toEqual({
      status: 413,
      body: { errors: [{ message: "The request body is larger than 4096 bytes", extensions: { code: "REQUEST_TOO_LARGE", limit: 4096 } }] },
    });
  });
});
