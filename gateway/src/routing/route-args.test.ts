import { Kind, parse, type FieldNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { pruneOperation } from "./prune-operation";
import { readRouteArg } from "./route-args";

function rootField(query: string, index = 0): FieldNode {
  const op = parse(query).definitions[0] as OperationDefinitionNode;
  return op.selectionSet.selections[index] as FieldNode;
}

describe("readRouteArg", () => {
  it("reads a variable, a string literal, and an integer literal of 16 digits without losing precision", () => {
    expect(readRouteArg(rootField("query($id: ID!) { violation(id: $id) { id } }"), "id", { id: "5101000000000001" })).toBe("5101000000000001");
    expect(readRouteArg(rootField('{ violation(id: "5101000000000001") { id } }'), "id", {})).toBe("5101000000000001");
    expect(readRouteArg(rootField("{ violation(id: 5101000000000099) { id } }"), "id", {})).toBe("5101000000000099");
  });

  it("descends into an input object given as a literal, as a variable, or as a literal holding a variable", () => {
    const path = "input.province";
    expect(readRouteArg(rootField('mutation { recordViolation(input: { province: "51", plate: "x" }) { id } }'), path, {})).toBe("51");
    expect(readRouteArg(rootField("mutation($i: RecordInput!) { recordViolation(input: $i) { id } }"), path, { i: { province: "52" } })).toBe("52");
    expect(readRouteArg(rootField('mutation($p: String!) { recordViolation(input: { province: $p, plate: "x" }) { id } }'), path, { p: "53" })).toBe("53");
  });

  it("answers undefined when the argument is absent", () => {
    expect(readRouteArg(rootField("{ violation { id } }"), "id", {})).toBeUndefined();
    expect(readRouteArg(rootField('mutation { recordViolation(input: { plate: "x" }) { id } }'), "input.province", {})).toBeUndefined();
  });
});

describe("pruneOperation", () => {
  it("keeps only the chosen fields with the variables and fragments they use", () => {
    const document = parse(`
      query Q($a: ID!, $b: ID!) { a: violation(id: $a) { ...V } b: violation(id: $b) { id } }
      fragment V on Violation { id plate }`);
    const op = document.definitions[0] as OperationDefinitionNode;
    const b = op.selectionSet.selections[1] as FieldNode;
    const { query, variableNames } = pruneOperation(document, op, [b]);
    expect([...variableNames]).toEqual(["b"]);
    const pruned = parse(query);
    expect(pruned.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)).toHaveLength(0);
    expect(query).toContain("$b: ID!");
    expect(query).not.toContain("$a");
  });
});
