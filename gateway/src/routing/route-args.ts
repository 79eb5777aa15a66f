/**
 * Reads a root field's routing argument from the subgraph operation: the query planner may pass it as
 * a variable (`violation(id: $id)`), as a literal (`violation(id: "5101…")`), or nested inside an
 * input object literal whose leaves are variables (`recordViolation(input: {province: $p})`).
 */
import { Kind, type FieldNode, type ValueNode } from "graphql";

/** The value at a dotted argument path ("input.province"), or undefined when absent. */
export function readRouteArg(field: FieldNode, path: string, variables: Readonly<Record<string, unknown>>): unknown {
  const [head, ...rest] = path.split(".");
  const arg = field.arguments?.find((a) => a.name.value === head);
  if (!arg) return undefined;
  return descend(arg.value, rest, variables);
}

function descend(node: ValueNode, rest: readonly string[], variables: Readonly<Record<string, unknown>>): unknown {
  if (rest.length === 0) return literal(node, variables);
  if (node.kind === Kind.VARIABLE) return descendValue(variables[node.name.value], rest);
  if (node.kind !== Kind.OBJECT) return undefined;
  const [head, ...tail] = rest;
  const field = node.fields.find((f) => f.name.value === head);
  return field ? descend(field.value, tail, variables) : undefined;
}

function descendValue(value: unknown, rest: readonly string[]): unknown {
  let current = value;
  for (const key of rest) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A literal's value with scalars kept as their source text: the planner may print an ID as an integer
 * literal (`violation(id: 5101000000000001)`), and 16 digits do not survive a JavaScript number.
 */
function literal(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
  }
}
