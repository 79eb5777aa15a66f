import { ApolloServer } from "@apollo/server";
import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { composerOnlyPlugin, composerVerdict, onlyAsksForSchema } from "./composer-only";

const typeDefs = "type Query { secret: String, _service: Service } type Service { sdl: String }";
const resolvers = { Query: { secret: () => "s", _service: () => ({ sdl: "type Query" }) } };

async function ask(composer: boolean, query: string, operationName?: string) {
  const server = new ApolloServer<{ composer: boolean }>({ typeDefs, resolvers, plugins: [composerOnlyPlugin()] });
  await server.start();
  try {
    const res = await server.executeOperation({ query, ...(operationName ? { operationName } : {}) }, { contextValue: { composer } });
    if (res.body.kind !== "single") throw new Error("expected a single result");
    return { status: res.http.status ?? 200, data: res.body.singleResult.data, code: res.body.singleResult.errors?.[0]?.extensions?.["code"] };
  } finally {
    await server.stop();
  }
}

describe("composer only (docs/design.md §8): the composer reads the schema, and nothing else", () => {
  it("serves the composer's schema questions, fragments included", async () => {
    expect(await ask(true, "{ _service { sdl } }")).toMatchObject({ status: 200, data: { _service: { sdl: "type Query" } } });
    expect((await ask(true, "query { ...F __typename } fragment F on Query { __schema { queryType { name } } }")).status).toBe(200);
  });

  it("refuses the composer anything beside or instead of a schema question, in the operation that runs (401, nothing runs)", async () => {
    for (const [query, operationName] of [
      ["{ secret }", undefined],
      ["{ secret _service { sdl } }", undefined],
      ['{ __type(name: "Query") { name } secret }', undefined],
      ["query A { _service { sdl } } query B { secret }", "B"],
      ["query { ...F } fragment F on Query { _service { sdl } secret }", undefined],
    ] as const) {
      const answer = await ask(true, query, operationName);
      expect(answer, query).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
      expect(answer.data, query).toBeUndefined();
    }
  });

  it("refuses anyone else a schema question anywhere in the document (403) and serves the rest", async () => {
    expect(await ask(false, "query A { _service { sdl } } query B { secret }", "B")).toMatchObject({ status: 403, code: "INTROSPECTION_DISABLED" });
    expect(await ask(false, "{ secret }")).toMatchObject({ status: 200, data: { secret: "s" } });
  });

  it("composerVerdict is the one decision: ordinary, schema, not-composer, composer-no-identity", () => {
    const verdict = (query: string, composer: boolean) => {
      const doc = parse(query);
      return composerVerdict(doc, getOperationAST(doc), composer);
    };
    expect(verdict("{ secret }", false)).toBe("ordinary");
    expect(verdict("{ __schema { queryType { name } } _service { sdl } }", true)).toBe("schema");
    expect(verdict("{ __type(name: \"Query\") { name } }", false)).toBe("not-composer");
    expect(verdict("{ secret }", true)).toBe("composer-no-identity");
    expect(verdict("{ secret _service { sdl } }", true)).toBe("composer-no-identity");
  });

  it("one parsed document (Apollo's cached DocumentNode) keeps its verdicts, whoever asks, however often", () => {
    const schema = parse("query A { _service { sdl } } query B { secret }");
    const plain = parse("{ secret }");
    for (let i = 0; i < 3; i++) {
      expect(composerVerdict(schema, getOperationAST(schema, "A"), true)).toBe("schema");
      expect(composerVerdict(schema, getOperationAST(schema, "B"), true)).toBe("composer-no-identity");
      expect(composerVerdict(schema, getOperationAST(schema, "A"), false)).toBe("not-composer");
      expect(composerVerdict(plain, getOperationAST(plain), false)).toBe("ordinary");
      expect(composerVerdict(plain, getOperationAST(plain), true)).toBe("composer-no-identity");
    }
  });

  it("onlyAsksForSchema reads the operation that runs, not mutations", () => {
    const doc = parse("query A { _service { sdl } } query B { secret } mutation M { __typename }");
    const op = (name: string) => doc.definitions.find((d) => d.kind === "OperationDefinition" && d.name?.value === name) as never;
    expect([onlyAsksForSchema(doc, op("A")), onlyAsksForSchema(doc, op("B")), onlyAsksForSchema(doc, op("M")), onlyAsksForSchema(doc, null)]).toEqual([true, false, false, false]);
  });
});
