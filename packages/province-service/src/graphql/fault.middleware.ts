import { type MiddlewareFn } from "type-graphql";
import { type ShardContext } from "../context";
import { toGraphQLError } from "./errors";

/** Global resolver middleware: every thrown error leaves as a catalogued GraphQL error (see toGraphQLError). */
export const faultMiddleware: MiddlewareFn<ShardContext> = async ({ context }, next) => {
  try {
    return await next();
  } catch (err) {
    throw toGraphQLError(err, context.lang, context.services.logger);
  }
};
