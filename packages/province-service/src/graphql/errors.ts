import { AppFault, isFaultCode, type Lang } from "@jg/errors";
import { GraphQLError } from "graphql";
import { type Logger } from "pino";

/**
 * Turns anything a resolver threw into the GraphQL error the client sees (docs/style.md practice 5):
 * - an `AppFault` (or any error carrying a catalogue fault code, such as @jg/handoff's HandoffFault)
 *   becomes a GraphQLError with that `extensions.code` and the message in the request's language;
 *   faults of the server's side (HTTP status 500 and above: INTERNAL_SERVER_ERROR, an unavailable
 *   province or home platform, ...) are logged with their cause;
 * - a GraphQLError passes unchanged;
 * - anything else is an infrastructure failure: logged with its cause, answered as
 *   INTERNAL_SERVER_ERROR with a generic message.
 * Used by the `province` subgraph and the Chongqing `platform` subgraph alike.
 */
export function toGraphQLError(err: unknown, lang: Lang, logger: Logger): GraphQLError {
  if (err instanceof GraphQLError) return err;
  const fault = asAppFault(err);
  if (fault) {
    if (fault.httpStatus >= 500) logger.error({ err, code: fault.code }, "request failed");
    return new GraphQLError(fault.messageIn(lang), {
      extensions: {
        code: fault.code,
        ...(fault.details ? { details: fault.details } : {}),
        // A retryable refusal (HANDOFF_BACKLOG) says when to retry, in seconds, where clients look for it.
        ...(typeof fault.details?.retryAfter === "number" ? { retryAfter: fault.details.retryAfter } : {}),
      },
    });
  }
  logger.error({ err }, "unexpected error");
  return new GraphQLError(new AppFault("INTERNAL_SERVER_ERROR").messageIn(lang), {
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  });
}

function asAppFault(err: unknown): AppFault | undefined {
  if (err instanceof AppFault) return err;
  // Faults of packages that do not (yet) throw AppFault but use catalogue codes.
  if (err instanceof Error && "code" in err && typeof err.code === "string" && isFaultCode(err.code)) {
    return new AppFault(err.code, { cause: err, params: { reason: err.message } });
  }
  return undefined;
}
