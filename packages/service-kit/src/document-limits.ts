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
 * 2. on the parsed AST, before validation (`measureDocument`, document-measure.ts): the selections of any one selection
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
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import { messageFor, type FaultCode } from "@jg/errors";
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type ParseOptions,
  type ValidationRule,
} from "graphql";
import { DOCUMENT_LIMIT_CODES, measureDocument, type DocumentLimits, type DocumentRefusal } from "./document-measure";

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

/**
 * True when a string literal of the (bounded, already measured) document contains U+0000. Remembered per
 * document: Apollo Server hands every request of the same text the same cached DocumentNode, and walking
 * it per request was ≈ 1.5 % of the gateway's CPU under load (issue 12).
 */
function documentContainsNul(document: DocumentNode): boolean {
  let found = nulInDocument.get(document);
  if (found === undefined) nulInDocument.set(document, (found = walkForNul(document)));
  return found;
}
const nulInDocument = new WeakMap<DocumentNode, boolean>();

function walkForNul(document: DocumentNode): boolean {
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
