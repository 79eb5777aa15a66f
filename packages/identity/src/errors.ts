/**
 * Why a token was refused. Typed so that hosts map it to their own fault (UNAUTHENTICATED / 401)
 * without string matching; the cause stays on `cause` for the log, never in a response.
 */
export type TokenErrorCode =
  | "TOKEN_MISSING"
  | "TOKEN_MALFORMED"
  | "TOKEN_EXPIRED"
  | "TOKEN_INVALID"
  | "TOKEN_CLAIMS_INVALID";

export class TokenError extends Error {
  override readonly name = "TokenError";

  constructor(
    readonly code: TokenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
