/**
 * The document limits and the linear walk that measures a parsed document against them (step 2 of
 * document-limits.ts): selections per selection set and in total with fragments expanded where they
 * are spread, depth and aliases, stopping as soon as a limit is passed.
 */
import type { FaultCode } from "@jg/errors";
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

export interface DocumentLimits {
  /** Most lexical tokens in a document (graphql-js `maxTokens`). */
  maxTokens: number;
  /** Most selections (fields, fragment spreads, inline fragments) in any one selection set. */
  maxSelectionsPerSet: number;
  /** Most fields in the whole document, fragments expanded where spread, `__typename` included. */
  maxSelections: number;
  /** Deepest field nesting. */
  maxDepth: number;
  /** Most aliased fields, fragments expanded, `__typename` included. */
  maxAliases: number;
}

/**
 * The gateway's defaults. The README's `me` query has about 80 tokens and 30 fields; the simulator's
 * largest document about the same.
 */
export const EDGE_DOCUMENT_LIMITS: DocumentLimits = {
  maxTokens: 2000,
  maxSelectionsPerSet: 100,
  maxSelections: 1000,
  maxDepth: 12,
  maxAliases: 30,
};

/**
 * A subgraph's defaults: four times the gateway's (depth +4), so that every subgraph fetch the gateway
 * plans for a document it accepted passes (a plan adds `_entities`, `__typename` and key fields, and may
 * repeat a selection per possible type), while a document sent to a subgraph directly stays bounded.
 */
export const SUBGRAPH_DOCUMENT_LIMITS: DocumentLimits = {
  maxTokens: 4 * EDGE_DOCUMENT_LIMITS.maxTokens,
  maxSelectionsPerSet: 4 * EDGE_DOCUMENT_LIMITS.maxSelectionsPerSet,
  maxSelections: 4 * EDGE_DOCUMENT_LIMITS.maxSelections,
  maxDepth: EDGE_DOCUMENT_LIMITS.maxDepth + 4,
  maxAliases: 4 * EDGE_DOCUMENT_LIMITS.maxAliases,
};

/** The codes these limits refuse with (each in the catalogue). */
export const DOCUMENT_LIMIT_CODES = [
  "DOCUMENT_TOO_LARGE",
  "TOO_MANY_SELECTIONS",
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "UNKNOWN_OPERATION",
] as const satisfies readonly FaultCode[];

/** A refusal: the code, the limit passed, and how far the walk got when it stopped (at least limit + 1). */
export interface DocumentRefusal {
  code: (typeof DOCUMENT_LIMIT_CODES)[number];
  limit: number;
  actual: number;
}

/**
 * Measures a parsed document against the limits and returns the first limit passed, or undefined.
 * Linear in the document: every selection set is looked at once for its width, and the expanded walk
 * stops as soon as it has seen more than `maxSelections` fields.
 */
export function measureDocument(document: DocumentNode, limits: DocumentLimits): DocumentRefusal | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const sets: SelectionSetNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.FRAGMENT_DEFINITION || def.kind === Kind.OPERATION_DEFINITION) sets.push(def.selectionSet);
  }
  // 1. Width of every selection set as written (fragment definitions included, used or not).
  const stack = [...sets];
  let written = 0;
  while (stack.length > 0) {
    const set = stack.pop() as SelectionSetNode;
    if (set.selections.length > limits.maxSelectionsPerSet) {
      return { code: "TOO_MANY_SELECTIONS", limit: limits.maxSelectionsPerSet, actual: set.selections.length };
    }
    for (const s of set.selections) {
      if (s.kind !== Kind.FRAGMENT_SPREAD) written += 1;
      if (s.kind !== Kind.FRAGMENT_SPREAD && s.selectionSet) stack.push(s.selectionSet);
    }
  }
  if (written > limits.maxSelections) return { code: "TOO_MANY_SELECTIONS", limit: limits.maxSelections, actual: written };

  // 2. Every operation with its fragments expanded where spread: fields, depth and aliases.
  let fields = 0;
  let aliases = 0;
  let refusal: DocumentRefusal | undefined;
  // Inside `__schema` / `__type` depth is not counted (fields and aliases are): the standard
  // introspection query (GraphiQL's, codegen's) nests `ofType` 13 deep, and the introspection switch,
  // not the depth limit, decides whether it runs (as the gateway's measure-operation.ts does).
  const walk = (set: SelectionSetNode, depth: number, spreading: ReadonlySet<string>, introspection = false): void => {
    for (const selection of set.selections) {
      if (refusal) return;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown or cyclic: validation refuses it (and the cycle check is linear).
        if (fragment && !spreading.has(name)) walk(fragment.selectionSet, depth, new Set([...spreading, name]), introspection);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, spreading, introspection);
        continue;
      }
      fields += 1;
      if (selection.alias) aliases += 1;
      if (fields > limits.maxSelections) refusal = { code: "TOO_MANY_SELECTIONS", limit: limits.maxSelections, actual: fields };
      else if (aliases > limits.maxAliases) refusal = { code: "TOO_MANY_ALIASES", limit: limits.maxAliases, actual: aliases };
      else if (!introspection && depth + 1 > limits.maxDepth) refusal = { code: "QUERY_TOO_DEEP", limit: limits.maxDepth, actual: depth + 1 };
      else if (selection.selectionSet) {
        const inside = introspection || selection.name.value === "__schema" || selection.name.value === "__type";
        walk(selection.selectionSet, depth + 1, spreading, inside);
      }
    }
  };
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) walk(def.selectionSet, 0, new Set());
    if (refusal) return refusal;
  }
  return undefined;
}
