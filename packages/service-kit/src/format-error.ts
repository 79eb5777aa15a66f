/**
 * The one `formatError` of every Apollo Server here (gateway, platform, province shards): the last word
 * on every error a client sees. Apollo Server relabels validation errors as GRAPHQL_VALIDATION_FAILED;
 * the limit rules' own codes (QUERY_TOO_DEEP …) are put back, as is the document guard's
 * DOCUMENT_TOO_LARGE (graphql-js's `maxTokens` stop, relabelled GRAPHQL_PARSE_FAILED). An error thrown
 * with a catalogue code keeps it. An error that carries no code of ours and no code of Apollo's is an
 * internal one: its message is replaced by the catalogue's generic text and its cause goes to the log
 * only, never into a response (docs/style.md practice 5).
 */
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isCode, messageFor } from "@jg/errors";
import { restoreLimitCode } from "./document-limits";

/** Where an internal error's cause is written (a pino logger fits). */
interface ErrorLog {
  error(obj: { err: unknown }, msg: string): void;
}

/** Builds a server's `formatError`; `log`, when given, receives every internal error's cause. */
export function errorFormatter(log?: ErrorLog): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
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
    if (code !== "INTERNAL_SERVER_ERROR") return formatted;
    log?.error({ err: error }, "internal error in a GraphQL request");
    return { ...formatted, message: messageFor("INTERNAL_SERVER_ERROR", "en"), extensions: { code } };
  };
}
