import { AppFault, isFaultCode, type Lang } from "@jg/errors";
import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { Logger } from "pino";

/**
 * Anything a resolver threw, as the GraphQL error the client sees (STYLE practice 5): an `AppFault`
 * (or an error carrying a catalogue fault code) keeps its `extensions.code` with the message in the
 * request's language; a GraphQLError passes; anything else is logged and answered as a generic
 * INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(err: unknown, lang: Lang, log: Logger): GraphQLError {
  if (err instanceof GraphQLError) return err;
  let fault: AppFault | undefined;
  if (err instanceof AppFault) fault = err;
  else if (err instanceof Error && "code" in err && typeof err.code === "string" && isFaultCode(err.code)) {
    fault = new AppFault(err.code, { cause: err, params: { reason: err.message } });
  }
  if (fault) {
    if (fault.httpStatus >= 500) log.error({ err, code: fault.code }, "request failed");
    return new GraphQLError(fault.messageIn(lang), {
      extensions: { code: fault.code, ...(fault.details ? { details: fault.details } : {}) },
    });
  }
  log.error({ err }, "unexpected error");
  return new GraphQLError(new AppFault("INTERNAL_SERVER_ERROR").messageIn(lang), { extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

/** Global middleware: every resolver's error leaves through `toGraphQLError`. */
export const faultMiddleware: MiddlewareFn<{ lang: Lang; deps: { log: Logger } }> = async ({ context }, next) => {
  try {
    return await next();
  } catch (err) {
    throw toGraphQLError(err, context.lang, context.deps.log);
  }
};
