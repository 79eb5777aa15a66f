/**
 * GraphQL over HTTP (the spec graphql-http audits): when the answer's media type is `application/json`
 * (the client did not ask for `application/graphql-response+json`), a well-formed request whose document
 * fails to parse or validate, or whose variables fail coercion, is answered with status 200, the errors
 * in the body; with `application/graphql-response+json` those stay 4xx. Apollo Server answers 400 in both
 * cases: this corrects the first. Our own validation rules' refusals (limits, introspection) are
 * validation failures too. Other 4xx (a malformed body, no query, refused credentials) keep their status,
 * and so does a client that did not name `application/json` in its Accept header (none, or any type):
 * it gets the status of `application/graphql-response+json`, the spec's media type since 2023.
 */

/** Error codes of parse, validation and variable-coercion failures. */
const REQUEST_DOCUMENT_ERRORS = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "DOCUMENT_TOO_LARGE",
  "TOO_MANY_SELECTIONS",
  "QUERY_TOO_DEEP",
  "QUERY_TOO_COMPLEX",
  "TOO_MANY_ALIASES",
  "INTROSPECTION_DISABLED",
]);

/** The status to send for an answer Apollo gave `status` with `contentType`. */
export function graphqlOverHttpStatus({ status, contentType, body, accept }: { status: number; contentType: string; body: string; accept: string }): number {
  if (status !== 400 || !contentType.startsWith("application/json") || !/\bapplication\/json\b/.test(accept)) return status;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    if (parsed.data !== undefined || !Array.isArray(parsed.errors) || parsed.errors.length === 0) return status;
    return parsed.errors.every((e) => REQUEST_DOCUMENT_ERRORS.has(String(e.extensions?.code))) ? 200 : status;
  } catch {
    return status;
  }
}
