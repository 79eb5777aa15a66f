/**
 * Cuts a root operation down to some of its root fields, keeping it valid: only the variables and
 * fragments those fields use stay (GraphQL refuses unused ones). Used when one subgraph fetch carries
 * root fields for several provinces and is sent as one request per province.
 */
import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";

/** The operation text with only `fields` at its root, and the variable names it still uses. */
export function pruneOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  fields: readonly FieldNode[],
): { query: string; variableNames: Set<string> } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const variableNames = new Set<string>();
  const usedFragments = new Set<string>();
  const pending: Array<FieldNode | FragmentDefinitionNode> = [...fields];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(node, {
      Variable: (v) => void variableNames.add(v.name.value),
      FragmentSpread: (s) => {
        const fragment = fragments.get(s.name.value);
        if (fragment && !usedFragments.has(s.name.value)) {
          usedFragments.add(s.name.value);
          pending.push(fragment);
        }
      },
    });
  }
  // Variables used by directives on the operation itself (rare) must stay defined too.
  visit({ ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [] }, variableDefinitions: [] }, {
    Variable: (v) => void variableNames.add(v.name.value),
  });

  const pruned: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: operation.variableDefinitions?.filter((d) => variableNames.has(d.variable.name.value)),
    selectionSet: { ...operation.selectionSet, selections: fields },
  };
  const kept = [...fragments.values()].filter((f) => usedFragments.has(f.name.value));
  return { query: print({ kind: Kind.DOCUMENT, definitions: [pruned, ...kept] }), variableNames };
}
