/**
 * Measures an operation before it runs: depth (nested fields), aliases, and cost. Fragments are
 * expanded where they are spread, so a fragment full of aliases spread many times counts every time
 * (the usual way round a naive alias limit). Introspection fields (`__schema`, `__type`) are left out:
 * the introspection switch governs them; `__typename` counts like any other field. The walk is bounded:
 * the document guard (service-kit) has already refused a document whose expansion has more than
 * `maxSelections` fields, before validation runs this.
 *
 * Cost: every field costs 1 each time it is resolved; a field returning a list multiplies the cost of
 * what is under it by `listSize` (an assumed length: none of the contract's lists is paginated yet).
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

export interface OperationMeasure {
  depth: number;
  aliases: number;
  cost: number;
}

/** Measures one selection set (an operation's) against `schema`. */
export function measureOperation(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  rootType: GraphQLCompositeType,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  listSize: number,
): OperationMeasure {
  const out: OperationMeasure = { depth: 0, aliases: 0, cost: 0 };
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, depth: number, multiplier: number, spreading: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue; // unknown or cyclic: graphql's own rules refuse it
        const type = schema.getType(fragment.typeCondition.name.value);
        walk(fragment.selectionSet, isCompositeType(type) ? type : parent, depth, multiplier, new Set([...spreading, name]));
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk(selection.selectionSet, isCompositeType(type) ? type : parent, depth, multiplier, spreading);
        continue;
      }
      // `__typename` counts like any field (issue 10 §1: 1 000 aliased `__typename` passed the alias limit).
      if (selection.name.value === "__schema" || selection.name.value === "__type") continue;
      if (selection.alias) out.aliases += 1;
      out.cost += multiplier;
      out.depth = Math.max(out.depth, depth + 1);
      if (!selection.selectionSet) continue;
      const fieldType = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value]?.type : undefined;
      const isList = fieldType !== undefined && isListType(getNullableType(fieldType));
      const named = fieldType ? getNamedType(fieldType) : undefined;
      walk(selection.selectionSet, isCompositeType(named) ? named : undefined, depth + 1, multiplier * (isList ? listSize : 1), spreading);
    }
  };
  walk(selectionSet, rootType, 0, 1, new Set());
  return out;
}
