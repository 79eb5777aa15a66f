/**
 * The last word on every error a client sees. Apollo Server relabels validation errors as
 * GRAPHQL_VALIDATION_FAILED; the limit rules' own codes (QUERY_TOO_DEEP …) are put back, as is the
 * document guard's DOCUMENT_TOO_LARGE (graphql-js's `maxTokens` stop, relabelled GRAPHQL_PARSE_FAILED). An error that
 * carries no code of ours and no code of Apollo's is an internal one: its message is replaced by the
 * catalogue's generic text (the cause is logged, never sent, docs/style.md practice 5).
 */
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isCode, messageFor } from "@jg/errors";
import { restoreLimitCode } from "@jg/service-kit";

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const limited = restoreLimitCode(formatted, error);
  if (limited !== formatted) return limited;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof GraphQLError) {
    const ownCode = original.extensions["code"];
    if (typeof ownCode === "string" && isCode(ownCode)) {
      return { ...formatted, extensions: { ...formatted.extensions, ...original.extensions, code: ownCode } };
    }
  }
  const code = formatted.extensions?.["code"];
  if (code === "INTERNAL_SERVER_ERROR") {
    return { ...formatted, message: messageFor("INTERNAL_SERVER_ERROR", "en"), extensions: { code } };
  }
  return formatted;
}
