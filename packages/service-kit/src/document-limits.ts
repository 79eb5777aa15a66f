/**
 * Document limits applied BEFORE validation, by every GraphQL server of the federation (the gateway,
 * the platform, every province shard): one definition, used by all three.
 *
 * Why before validation: graphql-js validation (OverlappingFieldsCanBeMerged in particular) grows with
 * the square of the selections of one selection set, so a 990 KB `{ __typename __typename … }` kept a
 * server busy for minutes before any limit written as a validation rule (depth, aliases, cost) had its
 * say: those rules run in the same pass as the quadratic one. graphql-armor's Apollo plugins are
 * validation rules too (max-aliases, max-depth, cost-limit), so they share that flaw; its max-tokens
 * plugin does what graphql-js's own `parse(…, { maxTokens })` does, which Apollo Server exposes as
 * `parseOptions`: that is used here instead of a dependency.
 *
 * The three steps, all linear in the document and bounded by the limits:
 * 1. `parseOptions.maxTokens`: the parser stops at the first token over the limit (DOCUMENT_TOO_LARGE),
 *    so a 1 MB document costs the parsing of `maxTokens` tokens and no more;
 * 2. on the parsed AST, before validation ({@link measureDocument}): the selections of any one selection
 *    set, the selections in total with fragments expanded where they are spread (the walk stops as soon
 *    as a limit is passed, so fragments spreading fragments cannot make it exponential), the depth and
 *    the aliases. `__typename` counts like any other field. A refused document is swapped for an empty
 *    one before Apollo validates, and a validation rule reports the refusal, so the answer goes through
 *    Apollo's own error path (status 400, `formatError`, `willSendResponse` plugins) without validating;
 * 3. `didResolveOperation`: a request whose `operationName` names no operation of the document (or an
 *    unnamed request with several operations) is a client error, UNKNOWN_OPERATION (400), not a 500;
 *    so is text holding U+0000, in a variable or a literal (BAD_USER_INPUT, 400): PostgreSQL cannot
 *    store it, and the fuzzing suite found it answered as an internal error.
 *
 * Apollo relabels parse and validation errors (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED);
 * {@link restoreLimitCode} in each server's `formatError` puts our catalogue code back.
 */
import { createRequire } from "node:module";
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import { messageFor, type FaultCode } from "@jg/errors";
import {
  BREAK,
  Kind,
  visit,
  type DocumentNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";

// graphql-js exactly as Apollo Server (CommonJS) loads it: Apollo checks `instanceof GraphQLError` on
// errors thrown by plugins, and vitest would otherwise hand us the ESM build, a second graphql-js.
const { GraphQLError } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

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

/**
 * True when a string anywhere in `value` (JSON: variables) contains U+0000, which no input of ours may
 * hold and which PostgreSQL text cannot store (the fuzzing suite found it answered as an internal
 * error). Iterative: deeply nested JSON cannot overflow the stack.
 */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return true;
    } else if (Array.isArray(v)) {
      for (const item of v as unknown[]) stack.push(item); // no spread: an array may have 500 000 items
    } else if (typeof v === "object" && v !== null) {
      for (const [key, item] of Object.entries(v)) stack.push(key, item);
    }
  }
  return false;
}

/** True when a string literal of the (bounded, already measured) document contains U+0000. */
function documentContainsNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes("\u0000")) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The GraphQL error of a refusal, with the catalogue's code and message (English; the edge localises). */
export function documentLimitError(refusal: DocumentRefusal): import("graphql").GraphQLError {
  return new GraphQLError(messageFor(refusal.code, "en", { limit: refusal.limit }), {
    extensions: { code: refusal.code, limit: refusal.limit, actual: refusal.actual },
  });
}

/** graphql-js's message when `maxTokens` stops the parser ("more that" is graphql-js 16's spelling). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:at|an) (\d+) tokens/;

/**
 * For a server's `formatError`: puts back the catalogue code of a document-limit refusal that Apollo
 * relabelled GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED; any other error is returned as it came.
 */
export function restoreLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.["code"];
  if (code === "GRAPHQL_PARSE_FAILED") {
    const limit = TOKEN_LIMIT_MESSAGE.exec(formatted.message)?.[1];
    if (limit === undefined) return formatted;
    return { message: messageFor("DOCUMENT_TOO_LARGE", "en", { limit }), extensions: { code: "DOCUMENT_TOO_LARGE", limit: Number(limit) } };
  }
  if (code !== "GRAPHQL_VALIDATION_FAILED") return formatted;
  const original = (error as { originalError?: unknown } | undefined)?.originalError as { extensions?: Record<string, unknown> } | undefined;
  const own = original?.extensions?.["code"];
  if (typeof own !== "string" || !(DOCUMENT_LIMIT_CODES as readonly string[]).includes(own)) return formatted;
  const { http: _http, ...extensions } = original?.extensions ?? {};
  return { message: formatted.message, extensions: { ...extensions, code: own } };
}

/** What an Apollo Server needs to apply the limits: spread `parseOptions`, add the plugin and the rule. */
export interface DocumentGuard {
  parseOptions: ParseOptions;
  plugin: ApolloServerPlugin<BaseContext>;
  validationRule: ValidationRule;
}

/** Builds the guard for one server. */
export function documentGuard(limits: DocumentLimits): DocumentGuard {
  const refused = new WeakMap<DocumentNode, import("graphql").GraphQLError>();
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async parsingDidStart(ctx) {
          return async (error) => {
            if (error || !ctx.document) return;
            const refusal = measureDocument(ctx.document, limits);
            if (!refusal) return;
            // Apollo validates `requestContext.document` right after this hook: an empty document takes
            // no time to validate, and `validationRule` reports the refusal recorded for it.
            const stub: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };
            refused.set(stub, documentLimitError(refusal));
            (ctx as GraphQLRequestContext<BaseContext> & { document: DocumentNode }).document = stub;
          };
        },
        async didResolveOperation(ctx) {
          if (!ctx.operation) {
            throw new GraphQLError(messageFor("UNKNOWN_OPERATION", "en"), {
              extensions: { code: "UNKNOWN_OPERATION", http: { status: 400 } },
            });
          }
          if (containsNul(ctx.request.variables) || documentContainsNul(ctx.document)) {
            const reason = "text may not contain the character U+0000";
            throw new GraphQLError(messageFor("BAD_USER_INPUT", "en", { reason }), {
              extensions: { code: "BAD_USER_INPUT", reason, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
  const validationRule: ValidationRule = (context) => {
    const error = refused.get(context.getDocument());
    if (error) context.reportError(error);
    return {};
  };
  return { parseOptions: { maxTokens: limits.maxTokens }, plugin, validationRule };
}

/** A GraphQL-shaped error body (for answers given before Apollo Server runs: body too large, bad JSON). */
export function graphqlErrorBody(code: FaultCode, params?: Record<string, string | number>): FormattedExecutionResult {
  return { errors: [{ message: messageFor(code, "en", params), extensions: { code, ...params } }] };
}
