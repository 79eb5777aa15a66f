/**
 * Reads a root field's routing argument from the subgraph operation: the query planner may pass it as
 * a variable (`violation(id: $id)`), as a literal (`violation(id: "5101…")`), or nested inside an
 * input object literal whose leaves are variables (`recordViolation(input: {province: $p})`).
 */
import { Kind, valueFromASTUntyped, type FieldNode, type ValueNode } from "graphql";

/** The value at a dotted argument path ("input.province"), or undefined when absent. */
export function readRouteArg(field: FieldNode, path: string, variables: Readonly<Record<string, unknown>>): unknown {
  const [head, ...rest] = path.split(".");
  const arg = field.arguments?.find((a) => a.name.value === head);
  if (!arg) return undefined;
  return descend(arg.value, rest, variables);
}

function descend(node: ValueNode, rest: readonly string[], variables: Readonly<Record<string, unknown>>): unknown {
  if (rest.length === 0) return valueFromASTUntyped(node, variables);
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
