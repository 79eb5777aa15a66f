/**
 * fast-check generators of GraphQL requests against the public schema (the API schema of
 * gateway/supergraph.graphql), for the fuzzing suite of issue 10 §7: random selections (fields,
 * `__typename`, unknown fields, aliases, inline and named fragments, spread many times), arguments as
 * literals or variables with the right type or a wrong one, huge and unicode strings, and hostile shapes
 * (deep nesting, many aliases, wide selection sets, fragment bombs, junk text, unknown operation names).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

export interface FuzzRequest {
  /** What the generator meant to produce (for the tally). */
  shape: string;
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  /** True when the document has a mutation operation. */
  mutation: boolean;
}

const SUPERGRAPH = fileURLToPath(new URL("../../gateway/supergraph.graphql", import.meta.url));

/** The supergraph as a graphql-js schema: its Query and Mutation are the public API (no @inaccessible). */
export function publicSchema(): GraphQLSchema {
  return buildSchema(readFileSync(SUPERGRAPH, "utf8"), { assumeValidSDL: true });
}

type Draw = <T>(arb: fc.Arbitrary<T>) => T;

const HUGE = [1_000, 10_000, 100_000];
/** Strings: short, unicode (any code point, lone surrogates included), huge, or shaped like our IDs. */
const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...HUGE).map((n) => "违".repeat(n)),
  fc.stringMatching(/^[0-9]{16}$/),
  fc.constantFrom("51", "50", "99", "渝A12345", "", " ", "\u0000", "'; drop table violations; --", "{}", "${x}"),
);

/** A JSON value of the wrong kind for anything (the server must refuse it with a 4xx, never a 5xx). */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  anyString,
  fc.array(fc.integer(), { maxLength: 5 }),
);

/** A value of `type`; unless `clean`, (1 time in 4, at each level) a wrong one. */
function valueOf(draw: Draw, type: GraphQLInputType, clean: boolean, depth = 0): unknown {
  if (!clean && (draw(fc.integer({ min: 0, max: 3 })) === 0 || depth > 4)) return draw(wrongValue);
  if (isNonNullType(type)) return valueOf(draw, type.ofType, clean, depth);
  if (!clean && draw(fc.integer({ min: 0, max: 9 })) === 0) return null;
  if (isListType(type)) return Array.from({ length: draw(fc.integer({ min: 0, max: 3 })) }, () => valueOf(draw, type.ofType, clean, depth + 1));
  if (isEnumType(type)) return draw(fc.constantFrom(...type.getValues().map((v) => v.name)));
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || draw(fc.integer({ min: 0, max: 4 })) > 0) out[field.name] = valueOf(draw, field.type, clean, depth + 1);
    }
    return out;
  }
  switch (type.name) {
    case "Int":
      return draw(fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer()));
    case "Float":
      return draw(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "Boolean":
      return draw(fc.boolean());
    default:
      return draw(anyString);
  }
}

/** A JS value as a GraphQL literal (strings JSON-escaped, which GraphQL reads the same way). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : "bad"}: ${literal(v)}`)
    .join(", ")} }`;
}

/** Builds one schema-shaped operation imperatively from `draw`. */
function schemaOperation(draw: Draw, schema: GraphQLSchema): FuzzRequest {
  const mutation = draw(fc.integer({ min: 0, max: 2 })) === 0;
  // Half the operations carry no deliberate mistake, so that they get past validation and run.
  const clean = draw(fc.boolean());
  const root = (mutation ? schema.getMutationType() : schema.getQueryType())!;
  const variables: Record<string, unknown> = {};
  const declared: string[] = [];
  const fragments: string[] = [];
  const maxDepth = draw(fc.integer({ min: 1, max: 16 }));
  let aliasCount = 0;

  const args = (defs: ReadonlyArray<{ name: string; type: GraphQLInputType }>): string => {
    const out: string[] = [];
    for (const arg of defs) {
      const how = draw(clean ? fc.constantFrom("variable", "literal", "omit") : fc.constantFrom("variable", "literal", "omit", "wrong-literal"));
      if (how === "omit" && (!clean || !isNonNullType(arg.type))) continue;
      if (how === "variable") {
        const name = `v${declared.length}`;
        // Sometimes the variable is declared with a wrong type.
        const declaredType = !clean && draw(fc.integer({ min: 0, max: 5 })) === 0 ? draw(fc.constantFrom("Int", "String!", "[ID!]", "Boolean")) : String(arg.type);
        declared.push(`$${name}: ${declaredType}`);
        if (clean || draw(fc.integer({ min: 0, max: 6 })) > 0) variables[name] = valueOf(draw, arg.type, clean);
        out.push(`${arg.name}: $${name}`);
      } else {
        out.push(`${arg.name}: ${literal(how === "wrong-literal" ? draw(wrongValue) : valueOf(draw, arg.type, clean))}`);
      }
    }
    if (!clean && draw(fc.integer({ min: 0, max: 9 })) === 0) out.push(`nope: ${literal(draw(wrongValue))}`);
    return out.length > 0 ? `(${out.join(", ")})` : "";
  };

  const selection = (type: GraphQLCompositeType, depth: number): string => {
    if (isUnionType(type)) {
      const members = type.getTypes();
      return `__typename ${members.slice(0, draw(fc.integer({ min: 0, max: members.length }))).map((m) => `... on ${m.name} { ${selection(m, depth)} }`).join(" ")}`;
    }
    const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
    const wide = draw(fc.integer({ min: 0, max: 14 })) === 0;
    const count = wide ? draw(fc.integer({ min: 20, max: 140 })) : draw(fc.integer({ min: 1, max: 4 }));
    const parts: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const pick = draw(fc.integer({ min: 0, max: fields.length + (clean ? 0 : 1) }));
      if (pick === fields.length) {
        parts.push(`${draw(fc.boolean()) ? `t${aliasCount++}: ` : ""}__typename`);
        continue;
      }
      if (pick === fields.length + 1) {
        parts.push(draw(fc.constantFrom("noSuchField", "__schema { types { name } }", `__type(name: "Violation") { name }`, "_entities", "_service { sdl }")));
        continue;
      }
      const field = fields[pick]!;
      const alias = draw(fc.integer({ min: 0, max: 3 })) === 0 ? `a${aliasCount++}: ` : "";
      const named = getNamedType(getNullableType(field.type));
      let sub = "";
      if (isCompositeType(named)) {
        const inner = depth + 1 >= maxDepth ? "__typename" : selection(named, depth + 1);
        const asFragment = draw(fc.integer({ min: 0, max: 5 })) === 0;
        if (asFragment) {
          const name = `F${fragments.length}`;
          fragments.push(`fragment ${name} on ${named.name} { ${inner} }`);
          sub = ` { ${Array.from({ length: draw(fc.integer({ min: 1, max: 3 })) }, () => `...${name}`).join(" ")} }`;
        } else sub = ` { ${inner} }`;
      } else if (!clean && draw(fc.integer({ min: 0, max: 14 })) === 0) {
        sub = " { id }"; // a selection on a leaf: a validation error
      }
      parts.push(`${alias}${field.name}${args(field.args)}${sub}`);
    }
    return parts.join(" ");
  };

  const body = selection(root, 0);
  const head = `${mutation ? "mutation" : "query"} Fuzz${declared.length > 0 ? `(${declared.join(", ")})` : ""}`;
  return { shape: `${clean ? "clean" : "faulty"} ${mutation ? "mutation" : "query"}`, query: `${head} { ${body} } ${fragments.join(" ")}`, variables, mutation };
}

/** Documents built to hit a limit or the parser: each must be refused with a 4xx. */
const hostile: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.integer({ min: 13, max: 900 }).map((n) => ({ shape: "deep", query: `{ ${"me { vehicles { vehicle { ".repeat(Math.ceil(n / 3))}plate${" }".repeat(3 * Math.ceil(n / 3))} }`, variables: {}, mutation: false })),
  fc.integer({ min: 31, max: 3000 }).map((n) => ({ shape: "aliases", query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`, variables: {}, mutation: false })),
  fc.constantFrom(101, 1_000, 20_000, 90_000).map((n) => ({ shape: "wide", query: `mutation { ${"__typename ".repeat(n)}}`, variables: {}, mutation: true })),
  fc.integer({ min: 8, max: 40 }).map((levels) => ({
    shape: "fragment-bomb",
    query: `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : "__typename"} }`).join(" ")}`,
    variables: {},
    mutation: false,
  })),
  fc.string({ unit: "binary", maxLength: 300 }).map((junk) => ({ shape: "junk", query: junk, variables: {}, mutation: false })),
  fc.constantFrom(...HUGE).map((n) => ({
    shape: "huge-argument",
    query: `mutation { submitFeedback(idempotencyKey: "k", description: "${"字".repeat(n)}") { id } }`,
    variables: {},
    mutation: true,
  })),
  fc.string({ maxLength: 20 }).map((name) => ({
    shape: "unknown-operation",
    query: `query A { __typename } mutation B { __typename }`,
    variables: {},
    operationName: `X${name}`,
    mutation: true,
  })),
);

/** One request: schema-shaped (4 in 5) or hostile. */
export function fuzzRequest(schema: GraphQLSchema): fc.Arbitrary<FuzzRequest> {
  return fc.oneof({ weight: 4, arbitrary: fc.gen().map((g) => schemaOperation((arb) => g(() => arb), schema)) }, { weight: 1, arbitrary: hostile });
}
